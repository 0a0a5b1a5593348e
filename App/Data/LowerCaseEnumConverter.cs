using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Data;

/// <summary>
/// Stores an enum as its lower-case name ("pending", "charge"), the same spelling the API uses,
/// so the database reads well and survives reordering of the enum.
/// </summary>
internal sealed class LowerCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    value => value.ToString().ToLowerInvariant(),
    value => Enum.Parse<TEnum>(value, true))
    where TEnum : struct, Enum;
