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
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Order Admin Portal API";
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
                if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
                }

                await DescribeQueryTypesAsync(operation, context, cancellationToken);
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

/// <summary>The type a query value bound as text must have, for the OpenAPI document.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class QueryTypeAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}
