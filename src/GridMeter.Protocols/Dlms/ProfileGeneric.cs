namespace GridMeter.Protocols.Dlms;

/// <summary>
/// Profile generic (class 7, Blue Book §4.3.6), e.g. the 15-minute load profile 1-0:99.1.0: attribute 2 is
/// the buffer (array of structures, one element per capture object), 3 the capture objects, 4 the capture
/// period in seconds. Reading a time range uses selective access by range_descriptor (selector 1).
/// </summary>
public static class ProfileGeneric
{
    public const ushort ClassId = 7;
    public const sbyte BufferAttribute = 2;
    public const sbyte CaptureObjectsAttribute = 3;
    public const sbyte CapturePeriodAttribute = 4;

    public static readonly Obis LoadProfile = new(1, 0, 99, 1, 0);

    public static CosemAttribute Buffer(Obis profile) => new(ClassId, profile, BufferAttribute);

    public static CosemAttribute CaptureObjects(Obis profile) => new(ClassId, profile, CaptureObjectsAttribute);

    /// <summary>
    /// Blue Book §4.3.6 range_descriptor: restricting object = the clock column (class 8, 0-0:1.0.0,
    /// attribute 2), from and to as date-time octet strings, all columns (empty selected_values).
    /// </summary>
    public static SelectiveAccess Range(CosemDateTime from, CosemDateTime to) =>
        new(1, DlmsData.Structure(
            new CaptureObject(CosemClock.ClassId, Obis.Clock, CosemClock.TimeAttribute).ToData(),
            DlmsData.DateTimeOctets(from),
            DlmsData.DateTimeOctets(to),
            DlmsData.Array()));

    public static DecodeResult<IReadOnlyList<CaptureObject>> ReadCaptureObjects(DlmsData data)
    {
        if (data.Type != DlmsDataType.Array)
        {
            return ProtocolError.Malformed($"capture_objects is an array, not {data.Type}");
        }
        var columns = new List<CaptureObject>(data.Items.Count);
        foreach (var item in data.Items)
        {
            if (CaptureObject.From(item) is not { } column)
            {
                return ProtocolError.Malformed($"{item} is not a capture object definition");
            }
            columns.Add(column);
        }
        return new DecodeResult<IReadOnlyList<CaptureObject>>(columns, 0);
    }

    public static DlmsData CaptureObjectsData(IEnumerable<CaptureObject> columns) => DlmsData.Array([.. columns.Select(c => c.ToData())]);

    /// <summary>
    /// The buffer as rows of values in GridMeter units. The clock column gives each row its time; a null
    /// clock (Blue Book §4.3.6: an entry compressed away) is the previous time plus the capture period.
    /// Columns without a known scaler_unit are taken unscaled and unitless.
    /// </summary>
    public static DecodeResult<IReadOnlyList<ProfileRow>> ReadBuffer(
        DlmsData buffer, IReadOnlyList<CaptureObject> columns, IReadOnlyDictionary<Obis, ScalerUnit> scalers, TimeSpan capturePeriod)
    {
        if (buffer.Type != DlmsDataType.Array)
        {
            return ProtocolError.Malformed($"The buffer is an array, not {buffer.Type}");
        }
        var rows = new List<ProfileRow>(buffer.Items.Count);
        DateTimeOffset? previous = null;
        foreach (var entry in buffer.Items)
        {
            if (entry.Type != DlmsDataType.Structure || entry.Items.Count != columns.Count)
            {
                return ProtocolError.Malformed($"A buffer entry has {entry.Items.Count} elements for {columns.Count} capture objects");
            }
            var at = RowTime(entry, columns, previous, capturePeriod);
            var values = new List<MeterValue>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                if (!columns[i].IsClock && entry.Items[i].IsNumber
                    && scalers.GetValueOrDefault(columns[i].LogicalName, ScalerUnit.None).Apply(columns[i].LogicalName, entry.Items[i], at) is { } value)
                {
                    values.Add(value);
                }
            }
            rows.Add(new ProfileRow(at, values));
            previous = at;
        }
        return new DecodeResult<IReadOnlyList<ProfileRow>>(rows, 0);
    }

    private static DateTimeOffset? RowTime(DlmsData entry, IReadOnlyList<CaptureObject> columns, DateTimeOffset? previous, TimeSpan period)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (!columns[i].IsClock)
            {
                continue;
            }
            if (entry.Items[i].Type == DlmsDataType.Null)
            {
                return previous + period;
            }
            var time = CosemDateTime.TryRead(entry.Items[i]);
            return time.IsSuccess ? time.Value.ToDateTimeOffset() : null;
        }
        return null;
    }
}
