using System.Text.Json;
using Json.Schema;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>The API's documents, each with its JSON Schema in <c>App.Tests/Contracts</c>.</summary>
public enum Contract
{
    User,
    UsersPage,
    Order,
    OrdersPage,
    History,
    Payments,
    Token,
    Staff,
    StaffList,
    AuditPage,
    Problem,
}

/// <summary>
/// Validates JSON against the schemas kept in the repository (JsonSchema.Net). The schemas are
/// read and built once; after that they are only read, so parallel tests can share them.
/// </summary>
public static class Contracts
{
    private const string BaseUri = "https://admin-portal.test/contracts/";

    // Referenced schemas first, so that each one's $refs are known when it is built.
    private static readonly string[] Files =
    [
        "timestamp", "money", "order-status", "user", "users-page", "order", "order-summary", "orders-page",
        "history-entry", "history", "payment-record", "payments", "token", "staff", "staff-list", "audit-entry", "audit-page", "problem",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Schemas = new(Load);

    public static string FileOf(Contract contract) => contract switch
    {
        Contract.User => "user",
        Contract.UsersPage => "users-page",
        Contract.Order => "order",
        Contract.OrdersPage => "orders-page",
        Contract.History => "history",
        Contract.Payments => "payments",
        Contract.Token => "token",
        Contract.Staff => "staff",
        Contract.StaffList => "staff-list",
        Contract.AuditPage => "audit-page",
        Contract.Problem => "problem",
        _ => throw new ArgumentOutOfRangeException(nameof(contract)),
    };

    /// <summary>Fails the test, naming every violation, unless <paramref name="json"/> matches the contract.</summary>
    public static void AssertValid(Contract contract, JsonElement json, string context)
    {
        var errors = Validate(contract, json);
        if (errors.Count > 0)
        {
            Assert.Fail($"{context}: the body breaks the {FileOf(contract)} contract:\n  {string.Join("\n  ", errors)}\nBody: {json.GetRawText()}");
        }
    }

    /// <summary>The contract's violations by <paramref name="json"/>; empty when it matches.</summary>
    public static IReadOnlyList<string> Validate(Contract contract, JsonElement json)
    {
        var results = Schemas.Value[FileOf(contract)].Evaluate(json, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
        if (results.IsValid)
        {
            return [];
        }

        return (results.Details ?? [results])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }

    private static IReadOnlyDictionary<string, JsonSchema> Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Contracts");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var schemas = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var name in Files)
        {
            var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(folder, name + ".schema.json")), options, new Uri(BaseUri + name + ".schema.json"));
            schemas[name] = schema;
        }

        var unlisted = Directory.GetFiles(folder, "*.schema.json").Select(f => Path.GetFileName(f)[..^".schema.json".Length]).Except(Files).ToList();
        if (unlisted.Count > 0)
        {
            throw new InvalidOperationException($"Contracts not loaded by {nameof(Contracts)}: {string.Join(", ", unlisted)}");
        }

        return schemas;
    }
}
