using GridMeter.Domain.Accounts;
using GridMeter.Domain.Text;
using GridMeter.Server.Auth;

namespace GridMeter.Server.Accounts;

/// <summary>The checks on account requests that need no database; every problem is reported at once, keyed by field.</summary>
public static class AccountValidation
{
    public const int MaxLinks = 100;

    public static Dictionary<string, string[]> Check(CreateUserRequest request, int minPasswordLength)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Username is null || !AccountText.IsUsername(request.Username))
        {
            errors["username"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ @ -"];
        }
        CheckPassword(errors, "password", request.Password, request.Username, minPasswordLength);
        if (request.Role is null || !Roles.All.Contains(request.Role))
        {
            errors["role"] = [$"one of {string.Join(", ", Roles.All)}"];
        }
        var staff = request.Role is Roles.Supplier or Roles.Operator;
        if (staff && (request.OrganisationId is null || !AccountText.IsIdentifier(request.OrganisationId)))
        {
            errors["organisationId"] = ["required for supplier and operator staff: the id of their organisation"];
        }
        if (!staff && request.OrganisationId is not null)
        {
            errors["organisationId"] = ["only supplier and operator staff belong to an organisation"];
        }
        CheckLinks(errors, "meterIds", request.MeterIds, request.Role);
        CheckLinks(errors, "premisesIds", request.PremisesIds, request.Role);
        CheckContact(errors, request.Email, request.Mobile);
        return errors;
    }

    public static Dictionary<string, string[]> Check(ProfileRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        CheckContact(errors, request.Email, request.Mobile);
        return errors;
    }

    public static Dictionary<string, string[]> Check(CreateOrganisationRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || !AccountText.IsIdentifier(request.Id))
        {
            errors["id"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        if (request.Name is null || !PlainText.IsValid(request.Name, 200))
        {
            errors["name"] = ["required; 1 to 200 characters of plain text (no markup or quotes; write O’Brien with ’)"];
        }
        if (request.Kind is not (Organisation.SupplierKind or Organisation.NetworkOperatorKind))
        {
            errors["kind"] = [$"{Organisation.SupplierKind} or {Organisation.NetworkOperatorKind}"];
        }
        return errors;
    }

    public static Dictionary<string, string[]> Check(CreatePremisesRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Id is null || !AccountText.IsIdentifier(request.Id))
        {
            errors["id"] = ["required; 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
        if (request.Name is not null && !PlainText.IsValid(request.Name, 200))
        {
            errors["name"] = ["1 to 200 characters of plain text (no markup or quotes)"];
        }
        if (request.Address is not null && !PlainText.IsValid(request.Address, 500))
        {
            errors["address"] = ["1 to 500 characters of plain text (no markup or quotes)"];
        }
        CheckLinks(errors, "meterIds", request.MeterIds, Roles.Consumer);
        return errors;
    }

    public static void CheckPassword(Dictionary<string, string[]> errors, string field, string? password, string? username, int minLength)
    {
        if (password is null || !AccountText.IsPassword(password, minLength))
        {
            errors[field] = [$"required; {minLength} to {AccountText.MaxPasswordLength} characters"];
        }
        else if (string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
        {
            errors[field] = ["must differ from the username"];
        }
    }

    private static void CheckLinks(Dictionary<string, string[]> errors, string field, IReadOnlyList<string>? ids, string? role)
    {
        if (ids is null || ids.Count == 0)
        {
            return;
        }
        if (role != Roles.Consumer)
        {
            errors[field] = ["only consumers are linked to meters and premises"];
        }
        else if (ids.Count > MaxLinks || ids.Any(id => id is null || !AccountText.IsIdentifier(id)))
        {
            errors[field] = [$"at most {MaxLinks} ids of 1 to 64 characters from A-Z a-z 0-9 . _ -"];
        }
    }

    private static void CheckContact(Dictionary<string, string[]> errors, string? email, string? mobile)
    {
        if (email is not null && !AccountText.IsEmail(email))
        {
            errors["email"] = ["an e-mail address such as alice@example.org"];
        }
        if (mobile is not null && !AccountText.IsMobile(mobile))
        {
            errors["mobile"] = ["a mobile number in international form, such as +393471234567"];
        }
    }
}
