using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AdminPortal.Features.Common;

/// <summary>
/// The API's JSON conventions (docs/contract.md §7) and the strict reading of request bodies. Bodies are read
/// here rather than by the framework's binder because the binder answers a malformed body, a wrong
/// type or an unknown enum value with a bare 400 that names no field; here each becomes a
/// validation problem keyed by the field, and an oversized or non-JSON body a 413 or 415.
/// Only the shape of the JSON is checked here; what the values mean is the services' business.
/// </summary>
public static class ApiJson
{
    /// <summary>No request of this API comes near this size; anything larger is refused unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The bodies are flat objects; deep nesting is only ever an attack on the parser.</summary>
    public const int MaxDepth = 32;

    public const string BodyField = "body";

    /// <summary>Applies the API's conventions to the options minimal APIs use for every JSON body.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        // "12.50" is a string, not an amount: a wrong type is refused, not guessed at.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.MaxDepth = MaxDepth;
        options.AllowDuplicateProperties = false;

        options.Converters.Add(new ApiEnumConverterFactory());
        options.Converters.Add(new UtcTimestampConverter());
    }

    /// <summary>How the API spells an enum value: currency codes as they are, everything else in lower case.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => Name(typeof(TEnum), value);

    /// <summary>Every value of an enum, as the API spells them.</summary>
    public static IReadOnlyList<string> Names(Type enumType) =>
        Enum.GetValues(enumType).Cast<object>().Select(v => Name(enumType, v)).ToArray();

    /// <summary>A timestamp as UTC, whatever kind it carries; the API writes every timestamp so, with Z.</summary>
    public static DateTime Utc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        // The stores keep no kind; every timestamp of this app is stored as UTC.
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static string Name(Type enumType, object value) =>
        enumType == typeof(Currency) ? value.ToString()! : value.ToString()!.ToLowerInvariant();

    /// <summary>
    /// Reads the request body as a <typeparamref name="T"/>: JSON content type (else 415), at most
    /// <see cref="MaxBodyBytes"/> (else 413), a well-formed object no deeper than <see cref="MaxDepth"/>,
    /// required members present and not null, every member of the right type (else 400 naming the field).
    /// </summary>
    /// <exception cref="BadHttpRequestException">415 or 413.</exception>
    /// <exception cref="ValidationFailedException">The body is not a valid <typeparamref name="T"/>.</exception>
    public static async ValueTask<T> ReadAsync<T>(HttpContext context) where T : class
    {
        var request = context.Request;
        RequireJsonContentType(request);
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        var body = await ReadLimitedAsync(request.Body, context.RequestAborted);
        if (body.Length == 0)
        {
            throw ValidationFailedException.For(BodyField, "A JSON body is required.");
        }

        var options = context.RequestServices.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions;
        using var document = Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw ValidationFailedException.For(BodyField, "The body must be a JSON object.");
        }

        var contract = options.GetTypeInfo(typeof(T));
        RequireMembers(document.RootElement, contract, options.PropertyNameCaseInsensitive);
        try
        {
            return document.Deserialize<T>(options)
                   ?? throw ValidationFailedException.For(BodyField, "The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path, contract);
            var message = field is null ? "The body has the wrong shape."
                // Invalid UTF-8 or a lone surrogate (\ud800) passes the parser but is no text: it could not be stored as sent.
                : e.InnerException is InvalidOperationException ? "Must be valid Unicode text."
                : Expected(field.PropertyType);
            throw ValidationFailedException.For(field?.Name ?? BodyField, message);
        }
    }

    private static void RequireJsonContentType(HttpRequest request)
    {
        // UTF-8 is the only encoding of JSON this API reads (RFC 8259 §8.1).
        if (!request.HasJsonContentType() ||
            (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.CharSet is { } charset &&
             !string.Equals(charset.Trim('"'), "utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BadHttpRequestException(
                "Send the body as JSON, with Content-Type: application/json (UTF-8).", StatusCodes.Status415UnsupportedMediaType);
        }
    }

    private static BadHttpRequestException TooLarge() =>
        new($"The body must be at most {MaxBodyBytes / 1024} KB.", StatusCodes.Status413PayloadTooLarge);

    // A body without Content-Length (chunked) is read only up to the limit: one byte past it is enough to refuse it.
    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > MaxBodyBytes)
        {
            throw TooLarge();
        }

        return buffer.AsMemory(0, length);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth, AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            // The reader's message says where the text broke (line and byte); it carries no type names.
            throw ValidationFailedException.For(BodyField, "The body is not valid JSON: " + e.Message);
        }
    }

    // Presence is part of the body's shape (a transition without "to" is no transition): a member
    // marked required that is missing or null is named before any value is read.
    private static void RequireMembers(JsonElement body, JsonTypeInfo type, bool caseInsensitive)
    {
        var comparison = caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        var errors = new ValidationErrors();
        foreach (var member in type.Properties.Where(p => p.IsRequired))
        {
            var present = body.EnumerateObject().Any(p => string.Equals(p.Name, member.Name, comparison) && p.Value.ValueKind != JsonValueKind.Null);
            errors.Add(member.Name, present ? null : $"'{member.Name}' is required.");
        }

        errors.ThrowIfAny();
    }

    // "$.amount" → the member amount; "$" or a path into something unknown → null.
    private static JsonPropertyInfo? FieldOf(string? path, JsonTypeInfo type)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[2..].Split('.', '[')[0].Trim('\'', '[', ']');
        return type.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "Must be a string.",
            _ when type == typeof(int) || type == typeof(long) => "Must be a whole number.",
            _ when type == typeof(decimal) || type == typeof(double) => "Must be a number.",
            _ when type == typeof(bool) => "Must be true or false.",
            _ when type.IsEnum => $"Must be one of {string.Join(", ", Names(type))}.",
            _ => "Has the wrong type.",
        };
    }

    /// <summary>
    /// Enums as the API spells them (<see cref="Name{TEnum}"/>): currency codes in upper case, every
    /// other enum (statuses, payment kinds) in lower case. Reading takes a listed name only, in any
    /// case: the framework's string-enum converter would also take a number ("1") or a combination
    /// ("active, suspended") and quietly turn it into some other value.
    /// </summary>
    private sealed class ApiEnumConverterFactory : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(ApiEnumConverter<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class ApiEnumConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
    {
        private static readonly (TEnum Value, string Name)[] Values =
            Enum.GetValues<TEnum>().Select(v => (v, Name(v))).ToArray();

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.GetString() is { } text)
            {
                foreach (var (value, name) in Values)
                {
                    if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
                    {
                        return value;
                    }
                }
            }

            throw new JsonException($"Not one of {string.Join(", ", Values.Select(v => v.Name))}.");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Name(value));
    }

    /// <summary>Timestamps are UTC and say so: ISO 8601 with <c>Z</c>, whatever kind the value carries.</summary>
    private sealed class UtcTimestampConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().UtcDateTime;

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Utc(value));
    }
}

/// <summary>
/// A JSON request body of type <typeparamref name="T"/>, read by <see cref="ApiJson.ReadAsync{T}"/>.
/// It describes itself to OpenAPI (the body's schema, and the 400, 413 and 415 a body can earn),
/// and asks the server to stop reading past <see cref="ApiJson.MaxBodyBytes"/>.
/// </summary>
public sealed class JsonBody<T> : IBindableFromHttpContext<JsonBody<T>>, IEndpointParameterMetadataProvider
    where T : class
{
    private JsonBody(T value) => Value = value;

    public T Value { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter) =>
        new(await ApiJson.ReadAsync<T>(context));

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));
        builder.Metadata.Add(new RequestSizeLimitAttribute(ApiJson.MaxBodyBytes));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(ProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails), ["application/problem+json"]));
    }
}
