namespace AdminPortal.Features.Audit;

public static class AuditFeature
{
    /// <summary>Reading the audit trail (the Audit page, the user page's Activity, <c>/api/audit</c>).</summary>
    public static IHostApplicationBuilder AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAudit();
        return builder;
    }

    /// <summary>
    /// The audit service; the component tests register it through this too. A singleton: it holds
    /// no state and needs only the context factory, so no request or circuit keeps one of its own.
    /// </summary>
    public static IServiceCollection AddAudit(this IServiceCollection services) => services.AddSingleton<AuditService>();
}
