using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdminPortal.Features.Common;

/// <summary>
/// What every API feature shares: the JSON conventions and the OpenAPI document at
/// <c>/openapi/v1.json</c>, which describes every route with its bearer requirement.
/// </summary>
public static class ApiFeature
{
    public const string BearerScheme = "Bearer";

    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, context, _) =>
            {
                DescribeApi(document, context);
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A token from POST /api/auth/token.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                // An empty requirement says "no authentication", so a client or gateway reading the
                // document knows the token route is open rather than guessing from its absence.
                operation.Security = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any()
                    ? [new OpenApiSecurityRequirement()]
                    : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];

                await DescribeQueryTypesAsync(operation, context, cancellationToken);
                DescribeResponseHeaders(operation, context);
            });
            // ApiJson's own converters hide from the schema generator that timestamps and enums
            // are strings, and which names an enum takes.
            o.AddSchemaTransformer((schema, context, _) =>
            {
                var type = context.JsonTypeInfo.Type;
                if (type == typeof(DateTime) || type == typeof(DateTime?))
                {
                    schema.Type = type == typeof(DateTime) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
                    schema.Format = "date-time";
                }
                else if (type.IsEnum)
                {
                    DescribeEnum(schema, type);
                }
                else if (EnumElementOf(type) is { } element)
                {
                    // A list of statuses (allowedTransitions) is never null.
                    schema.Type = JsonSchemaType.Array;
                    schema.Items = DescribeEnum(new OpenApiSchema(), element);
                }

                if (context.JsonTypeInfo.Kind == JsonTypeInfoKind.Object)
                {
                    // A computed property (allowedTransitions) is written in every response.
                    foreach (var computed in context.JsonTypeInfo.Properties.Where(p => p.Get is not null && p.Set is null))
                    {
                        schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
                        schema.Required.Add(computed.Name);
                    }
                }

                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>The OpenAPI document; open to anyone, like the API's shape is to any client.</summary>
    public static IEndpointRouteBuilder MapApiDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi().AllowAnonymous();
        return endpoints;
    }

    /// <summary>
    /// Declares the tag an API group's operations carry, with the description the document gives it
    /// (a tag without one tells a reader of the document nothing).
    /// </summary>
    public static TBuilder WithTag<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithTags(name).WithMetadata(new ApiTag(name, description));

    private static void DescribeApi(OpenApiDocument document, OpenApiDocumentTransformerContext context)
    {
        document.Info.Title = "Order Admin Portal API";
        document.Info.Description =
            "Users (the business's customers), their orders and the orders' life cycle, with payment " +
            "through the payment gateway, and the portal's staff accounts. Every route but the token " +
            "route takes a bearer token from POST /api/auth/token. Errors are RFC 9457 problem+json; " +
            "resources carry their version as an ETag, and writes take If-Match.";
        document.Info.Contact = new OpenApiContact { Name = "Order Admin Portal maintainers" };

        // The portal that serves the document serves the API, at its root (the pages' base is "/"
        // too): a relative server keeps the document the same whatever address it was asked at.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The portal serving this document." }];

        document.Tags = context.DescriptionGroups
            .SelectMany(group => group.Items)
            .SelectMany(description => description.ActionDescriptor.EndpointMetadata.OfType<ApiTag>())
            .DistinctBy(tag => tag.Name)
            .Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description })
            .ToHashSet();
    }

    /// <summary>The headers a client acts on: where a new resource is, its ETag, and when to try again.</summary>
    private static void DescribeResponseHeaders(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var etag = context.Description.ActionDescriptor.EndpointMetadata.OfType<ETagMetadata>().Any();
        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (response is not OpenApiResponse described)
            {
                continue;
            }

            if (status == "201")
            {
                AddHeader(described, "Location", "The new resource's address.", JsonSchemaType.String);
            }

            if (etag && status is "200" or "201")
            {
                AddHeader(described, "ETag", "The resource's version, quoted; send it back as If-Match.", JsonSchemaType.String);
            }

            if (status is "429" or "503")
            {
                AddHeader(described, "Retry-After", "Seconds to wait before trying again.", JsonSchemaType.Integer);
            }
        }
    }

    private static void AddHeader(OpenApiResponse response, string name, string description, JsonSchemaType type)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
        response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
    }

    private static OpenApiSchema DescribeEnum(OpenApiSchema schema, Type type)
    {
        schema.Type = JsonSchemaType.String;
        schema.Enum = ApiJson.Names(type).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        return schema;
    }

    private static Type? EnumElementOf(Type type) =>
        type.IsArray ? type.GetElementType() is { IsEnum: true } element ? element : null
        : type.IsGenericType && type.GetGenericArguments() is [{ IsEnum: true } argument] &&
          typeof(IEnumerable<>).MakeGenericType(argument).IsAssignableFrom(type) ? argument
        : null;

    // Query values are bound as text so that a bad one is named (ApiQuery); the document still
    // shows the type each one must have.
    private static async Task DescribeQueryTypesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var description in context.Description.ParameterDescriptions)
        {
            if (description.ParameterDescriptor is not IParameterInfoParameterDescriptor { ParameterInfo: var info } ||
                info.GetCustomAttribute<QueryTypeAttribute>() is not { } declared ||
                operation.Parameters?.OfType<OpenApiParameter>().FirstOrDefault(p => p.Name == description.Name && p.In == ParameterLocation.Query) is not { } parameter)
            {
                continue;
            }

            parameter.Schema = await context.GetOrCreateSchemaAsync(declared.Type, description, cancellationToken);
        }
    }
}

/// <summary>Marks a route whose success carries the resource's <c>ETag</c> (<see cref="ApiEtags.Set"/>), for the OpenAPI document.</summary>
internal sealed class ETagMetadata;

/// <summary>An OpenAPI tag with its description, declared on an API group with <see cref="ApiFeature.WithTag{TBuilder}"/>.</summary>
internal sealed record ApiTag(string Name, string Description);

/// <summary>The type a query value bound as text must have, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueryTypeAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
