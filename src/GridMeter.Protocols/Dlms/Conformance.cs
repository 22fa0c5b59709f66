namespace GridMeter.Protocols.Dlms;

/// <summary>Green Book §9.4.6.1 conformance block (24 bits, bit 0 the most significant): the services agreed.</summary>
[Flags]
public enum Conformance
{
    None = 0,
    GeneralProtection = 1 << 22,
    GeneralBlockTransfer = 1 << 21,
    Read = 1 << 20,
    Write = 1 << 19,
    UnconfirmedWrite = 1 << 18,
    Attribute0SupportedWithSet = 1 << 15,
    PriorityManagementSupported = 1 << 14,
    Attribute0SupportedWithGet = 1 << 13,
    BlockTransferWithGetOrRead = 1 << 12,
    BlockTransferWithSetOrWrite = 1 << 11,
    BlockTransferWithAction = 1 << 10,
    MultipleReferences = 1 << 9,
    InformationReport = 1 << 8,
    DataNotification = 1 << 7,
    Access = 1 << 6,
    ParameterizedAccess = 1 << 5,
    Get = 1 << 4,
    Set = 1 << 3,
    SelectiveAccess = 1 << 2,
    EventNotification = 1 << 1,
    Action = 1 << 0,
}
