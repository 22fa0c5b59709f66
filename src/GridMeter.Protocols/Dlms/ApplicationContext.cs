namespace GridMeter.Protocols.Dlms;

/// <summary>
/// Green Book §9.4.2.2.2 application context names 2.16.756.5.8.1.{n}: logical or short name referencing,
/// without or with ciphering. This codec speaks the unciphered ones.
/// </summary>
public enum ApplicationContext : byte
{
    LogicalName = 1,
    ShortName = 2,
    LogicalNameCiphered = 3,
    ShortNameCiphered = 4,
}
