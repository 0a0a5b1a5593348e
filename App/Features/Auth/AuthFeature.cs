using System.Globalization;
using System.Security.Claims;
using AdminPortal.Data;
using AdminPortal.Features.Common;
using AdminPortal.Features.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Auth;

/// <summary>
/// Staff sign-in for pages (Identity's cookie) and the API (bearer tokens), the role policies and
/// the sign-in rate limit, each registered by a part of its own.
/// </summary>
public static class AuthFeature
{
    public const string SignInPath = "/account/sign-in";
    public const string SignOutPath = "/account/sign-out";
    public const string AccessDeniedPath = "/account/access-denied";

    // Pages sign in with a cookie; /api takes bearer tokens only and answers 401/403, never a redirect.
    private const string CookieOrBearer = "CookieOrBearer";

    // Set on a request whose token could not be checked against the staff store because the database is down.
    private static readonly object DatabaseUnavailableKey = new();

    public static IHostApplicationBuilder AddStaffAuth(this IHostApplicationBuilder builder)
    {
        builder.Services
            .AddAuthOptions()
            .AddStaffIdentity()
            .AddApiTokens()
            .AddCookieOrBearerAuthentication()
            .AddStaffAuthorization()
            .AddSignInRateLimit();
        return builder;
    }

    private static IServiceCollection AddAuthOptions(this IServiceCollection services)
    {
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.TokenSigningKey) || IsStrongKey(o.TokenSigningKey),
                "Auth:TokenSigningKey must be base64 of at least 32 bytes.")
            .Validate(o => o.TokenLifetimeMinutes is > 0 and <= 24 * 60, "Auth:TokenLifetimeMinutes must be from 1 to 1440.")
            .Validate(o => o.SignInAttemptsPerMinute > 0, "Auth:SignInAttemptsPerMinute must be at least 1.")
            .ValidateOnStart();
        return services;
    }

    /// <summary>Identity over the portal's database: passwords, lock-out, roles, and the sign-in checks built on them.</summary>
    internal static IServiceCollection AddStaffIdentity(this IServiceCollection services)
    {
        services.AddIdentityCore<StaffUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager<StaffSignInManager>()
            .AddClaimsPrincipalFactory<StaffClaimsFactory>()
            .AddTokenProvider<TotpAuthenticator>(TokenOptions.DefaultAuthenticatorProvider);
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddSingleton<UnknownAccountLockout>();
        services.AddScoped<IStaffSignIn, StaffSignInService>();
        services.AddScoped<MfaEnrolment>();
        return services;
    }

    private static IServiceCollection AddApiTokens(this IServiceCollection services)
    {
        services.AddSingleton<TokenSigningKey>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<StaffAccessCache>();
        services.AddSingleton<VerifiedTokenHandler>();
        return services;
    }

    /// <summary>One scheme that forwards to the bearer handler for the API and to Identity's cookie for pages.</summary>
    private static IServiceCollection AddCookieOrBearerAuthentication(this IServiceCollection services)
    {
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
            .Configure<TokenService, VerifiedTokenHandler>((o, tokens, verified) =>
            {
                o.MapInboundClaims = false;
                // Nothing reads the token back from the sign-in's properties (GetTokenAsync): don't copy it there per request.
                o.SaveToken = false;
                o.TokenValidationParameters = tokens.ValidationParameters();
                o.TokenHandlers.Clear();
                o.TokenHandlers.Add(verified);
                o.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context => AnswerRememberedAsync(context, verified),
                    OnTokenValidated = CheckStaffAsync,
                    OnChallenge = AnswerOutageAsync,
                };
            });
        services.ConfigureApplicationCookie(ConfigureCookie);
        return services;
    }

    /// <summary>
    /// A token this instance already found good, and whose lifetime still holds, is not checked
    /// again (ADR 009): its remembered identity is taken, and its staff member checked as any
    /// other token's is. Anything else goes on to the handler's full check.
    /// </summary>
    private static Task AnswerRememberedAsync(MessageReceivedContext context, VerifiedTokenHandler verified) =>
        verified.Remembered(context.Request.Headers.Authorization, context.Options.TokenValidationParameters) is { } identity
            ? AcceptRememberedAsync(context, identity)
            : Task.CompletedTask;

    private static async Task AcceptRememberedAsync(MessageReceivedContext context, ClaimsIdentity identity)
    {
        context.Principal = new ClaimsPrincipal(identity);
        await CheckStaffAsync(context);
        if (context.Result is null)
        {
            context.Success();
        }
    }

    /// <summary>A token that is well signed and current is still refused once its staff member is disabled or changed.</summary>
    private static async Task CheckStaffAsync(ResultContext<JwtBearerOptions> context)
    {
        var staff = context.HttpContext.RequestServices.GetRequiredService<StaffAccessCache>();
        try
        {
            // Not cancelled with the request: a client hanging up mid-check is not an error to log.
            if (!await staff.IsCurrentAsync(context.Principal!, CancellationToken.None))
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
    }

    private static async Task AnswerOutageAsync(JwtBearerChallengeContext context)
    {
        if (!context.HttpContext.Items.ContainsKey(DatabaseUnavailableKey))
        {
            return;
        }

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

    private static void ConfigureCookie(CookieAuthenticationOptions o)
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
        //
        // The check runs in a scope of its own: the validator brings Identity's sign-in graph and a
        // DbContext, which in the request's scope would live as long as the request, and a Blazor
        // circuit's WebSocket request lives as long as the circuit.
        o.Events.OnValidatePrincipal = async context =>
        {
            try
            {
                await using var scope = context.HttpContext.RequestServices.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISecurityStampValidator>().ValidateAsync(context);
            }
            catch (Exception e) when (DbErrors.IsUnavailable(e))
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthFeature))
                    .LogWarning(e, "The sign-in of {Name} could not be checked: the database is unavailable", context.Principal?.Identity?.Name);
            }
        };
    }

    /// <summary>The role policies for endpoints and pages, and the pages' sign-in, checked again while a circuit lives.</summary>
    private static IServiceCollection AddStaffAuthorization(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddStaffPolicies();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, StaffRevalidatingStateProvider>();
        return services;
    }

    private static bool IsStrongKey(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var length) && length >= 32;
    }
}
