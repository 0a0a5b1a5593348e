using Microsoft.AspNetCore.DataProtection;

namespace AdminPortal.Data;

public static class SharedKeysExtensions
{
    /// <summary>
    /// Data Protection (the auth cookie, antiforgery tokens, the stored token signing key) with its
    /// key ring in the database under one application name, so every instance on the database reads
    /// what any other protected, and a restart or a new deployment path changes nothing (ADR 006).
    /// </summary>
    public static IHostApplicationBuilder AddSharedDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddDataProtection()
            .SetApplicationName("AdminPortal")
            .PersistKeysToDbContext<AppDbContext>();
        return builder;
    }
}
