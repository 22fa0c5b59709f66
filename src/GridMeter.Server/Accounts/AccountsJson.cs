using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridMeter.Server.Accounts;

[JsonSerializable(typeof(CreateOrganisationRequest))]
[JsonSerializable(typeof(Organisation))]
[JsonSerializable(typeof(OrganisationList))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(UserList))]
[JsonSerializable(typeof(ProfileRequest))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(CreatePremisesRequest))]
[JsonSerializable(typeof(PremisesResponse))]
[JsonSerializable(typeof(PremisesList))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
internal sealed partial class AccountsJson : JsonSerializerContext;
