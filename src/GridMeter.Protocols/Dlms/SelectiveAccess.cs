namespace GridMeter.Protocols.Dlms;

/// <summary>
/// Selective-Access-Descriptor (Green Book §9.3.6): an access selector and its parameters, e.g. selector 1
/// (range_descriptor) to read a profile buffer between two times (Blue Book §4.3.6).
/// </summary>
public sealed record SelectiveAccess(byte Selector, DlmsData Parameters);
