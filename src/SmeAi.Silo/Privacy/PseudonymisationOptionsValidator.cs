using Microsoft.Extensions.Options;

namespace SmeAi.Silo.Privacy;

/// <summary>Rejects a key too short to keep the pseudonyms from being reversed by guessing; never repeats the key.</summary>
public sealed class PseudonymisationOptionsValidator : IValidateOptions<PseudonymisationOptions>
{
    /// <summary>32 characters: 256 bits if the key is random hex or Base64, the HMAC-SHA256 block the key should fill.</summary>
    public const int MinimumKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, PseudonymisationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.PseudonymisationKey ?? "";
        if (key.Length == 0)
        {
            return ValidateOptionsResult.Success;
        }

        if (key.Length < MinimumKeyLength)
        {
            return ValidateOptionsResult.Fail(
                $"{PseudonymisationOptions.SectionName}:PseudonymisationKey must be at least {MinimumKeyLength} characters (it has {key.Length}), "
                + "e.g. the output of 'openssl rand -hex 32'; leave it empty to turn pseudonymisation off.");
        }

        return key.Trim().Length != key.Length
            ? ValidateOptionsResult.Fail($"{PseudonymisationOptions.SectionName}:PseudonymisationKey must not start or end with white space.")
            : ValidateOptionsResult.Success;
    }
}
