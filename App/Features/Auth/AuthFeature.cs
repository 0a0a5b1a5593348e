using System.Globalization;
using System.Threading.RateLimiting;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Auth;

public static class AuthFeature
{
    public const string SignInRateLimit = "sign-in";
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/access-denied";

    // Pages sign in with a cookie; /api takes bearer tokens only and answers 401/403, never a redirect.
    private const string CookieOrBearer = "CookieOrBearer";

    // Set on a request whose token could not be checked against the staff store because the database is down.
    private static readonly object DatabaseUnavailableKey = new();

    public static IHostApplicationBuilder AddStaffAuth(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.TokenSigningKey) || IsStrongKey(o.TokenSigningKey),
                "Auth:TokenSigningKey must be base64 of at least 32 bytes.")
            .Validate(o => o.TokenLifetimeMinutes is > 0 and <= 24 * 60, "Auth:TokenLifetimeMinutes must be from 1 to 1440.")
            .Validate(o => o.SignInAttemptsPerMinute > 0, "Auth:SignInAttemptsPerMinute must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<FirstAdminOptions>().BindConfiguration(SeedOptions.Section);

        // Identity's stores want a scoped context; each scope gets its own from the factory.
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<StaffSignInManager>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddSingleton<TokenSigningKey>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<UnknownAccountLockout>();
        services.AddScoped<IStaffSignIn, StaffSignInService>();
        services.AddScoped<StaffService>();
        services.AddSingleton(sp => new StaffSeeder(
            sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<IOptions<FirstAdminOptions>>(), Console.Out));

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
                o.DefaultForbidScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, CookieOrBearer, o => o.ForwardDefaultSelector = context =>
                ApiRequests.IsApi(context.Request) ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer()
            .AddIdentityCookies();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService>((o, tokens) =>
            {
                o.MapInboundClaims = false;
                o.TokenValidationParameters = tokens.ValidationParameters();
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var contexts = context.HttpContext.RequestServices.GetRequiredService<IDbContextFactory<AppDbContext>>();
                        try
                        {
                            // Not cancelled with the request: a client hanging up mid-check is not an error to log.
                            if (!await TokenService.ValidateStaffAsync(context.Principal!, contexts, CancellationToken.None))
                            {
                                context.Fail("The staff member is disabled or their access changed.");
                            }
                        }
                        catch (Exception e) when (DbErrors.IsUnavailable(e))
                        {
                            // The token may well be good: a client told 401 would throw it away. Say 503.
                            context.HttpContext.Items[DatabaseUnavailableKey] = true;
                            context.Fail(e);
                        }
                    },
                    OnChallenge = async context =>
                    {
                        if (context.HttpContext.Items.ContainsKey(DatabaseUnavailableKey))
                        {
                            context.HandleResponse();
                            var http = context.HttpContext;
                            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                            http.Response.Headers.RetryAfter = DbErrors.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                            {
                                HttpContext = http,
                                ProblemDetails = ApiProblems.DatabaseUnavailable(),
                            });
                        }
                    },
                };
            });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = SignInPath;
            o.LogoutPath = SignOutPath;
            o.AccessDeniedPath = AccessDeniedPath;
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // The periodic check of the cookie against the staff store must not turn a database
            // outage into a failed request before the page can say what is wrong: keep the sign-in
            // for now (the check is due again on the next request) and let the page report the outage.
            o.Events.OnValidatePrincipal = async context =>
            {
                try
                {
                    await SecurityStampValidator.ValidatePrincipalAsync(context);
                }
                catch (Exception e) when (DbErrors.IsUnavailable(e))
                {
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthFeature))
                        .LogWarning(e, "The sign-in of {Name} could not be checked: the database is unavailable", context.Principal?.Identity?.Name);
                }
            };
        });

        services.AddAuthorizationBuilder().AddStaffPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingStateProvider>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? (int)Math.Ceiling(retryAfter.TotalSeconds)
                    : 60;
                var http = context.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var detail = $"Too many sign-in attempts from this address. Try again in {seconds} seconds.";
                // A body of its own, so the page pipeline does not turn the 429 into another page.
                if (ApiRequests.IsApi(http.Request))
                {
                    await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = http,
                        ProblemDetails = { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = detail },
                    });
                }
                else
                {
                    http.Response.ContentType = "text/plain; charset=utf-8";
                    await http.Response.WriteAsync(detail, cancellationToken);
                }
            };
            // Only credential posts count: showing the sign-in page is free.
            o.AddPolicy(SignInRateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                : RateLimitPartition.GetNoLimiter("reads"));
        });

        return builder;
    }

    private static bool IsStrongKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }
}
