using GridMeter.Server.Audit;
using GridMeter.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GridMeter.Server.Accounts;

public static class ProfileApi
{
    public static IEndpointRouteBuilder MapProfile(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Users");
        me.MapGet("/", GetAsync)
            .RequireAccess(Access.OwnAccount)
            .WithSummary("The caller's own account");
        me.MapPut("/profile", UpdateAsync)
            .RequireAccess(Access.OwnAccount)
            .WithSummary("Set where alerts go: e-mail address and mobile number (null removes one)");
        me.MapPost("/password", ChangePasswordAsync)
            .RequireAccess(Access.OwnAccount)
            .WithSummary("Change the password; every bearer token and portal session of the account ends");
        return app;
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(
        HttpContext http, UserAccounts users, UserLinks links, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var user = await users.FindAsync(caller.UserKey, cancellationToken);
        return user is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(UserResponse.From(user, await links.VisibleLinksAsync([user.Key], caller, cancellationToken)));
    }

    private static async Task<Results<Ok<UserResponse>, ValidationProblem, NotFound>> UpdateAsync(
        ProfileRequest request, HttpContext http, UserAccounts users, UserLinks links, CancellationToken cancellationToken)
    {
        var errors = AccountValidation.Check(request);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var caller = Caller.From(http.User)!;
        // The new values themselves stay out of the audit log: they are personal data, not changes of rights.
        var entry = AuditEntry.By(caller, http, "user.profile_updated", caller.Actor, AuditDetails.Of(("email", request.Email is not null), ("mobile", request.Mobile is not null)));
        await users.UpdateProfileAsync(caller.UserKey, request.Email, request.Mobile, entry, cancellationToken);
        var user = await users.FindAsync(caller.UserKey, cancellationToken);
        return user is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(UserResponse.From(user, await links.VisibleLinksAsync([user.Key], caller, cancellationToken)));
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePasswordAsync(
        PasswordChangeRequest request, HttpContext http, PasswordLogin login, UserAccounts users, IOptions<AccountsOptions> options,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var errors = new Dictionary<string, string[]>();
        AccountValidation.CheckPassword(errors, "newPassword", request.NewPassword, caller.Username, options.Value.MinPasswordLength);
        if (request.CurrentPassword is null)
        {
            errors["currentPassword"] = ["required"];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        // Checked like a login, so guessing the current password through here counts towards lockout.
        var user = await login.LoginAsync(caller.Username, request.CurrentPassword, "password change", AuditEntry.AddressOf(http), cancellationToken);
        if (user is null || user.Key != caller.UserKey)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = ["wrong password, or the account is locked"] });
        }
        await users.ChangePasswordAsync(user, request.NewPassword!, AuditEntry.By(caller, http, "user.password_changed", caller.Actor), cancellationToken);
        return TypedResults.NoContent();
    }
}
