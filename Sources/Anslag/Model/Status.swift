/// What is known about one recipient and one item (a deadline or a condition).
public enum ItemStatus: String, Hashable, Sendable, CaseIterable {
    case done
    case notDone = "not-done"
    case notApplicable = "not-applicable"
    /// The default: nothing is recorded. Never shown as done.
    case unknown
}

/// One line of an agreement's `status.yaml`.
public struct StatusEntry: Hashable, Sendable {
    /// `skr`, a region id, or `rss:<region id>` for the county's municipalities via RSS.
    public var recipient: String
    public var item: String
    public var status: ItemStatus
    public var date: String?
    public var evidence: String?
    public var link: String?
    public var note: String?
    /// When the record was made, when the status file says.
    public var recorded: String?
    public var location: SourceLocation
}

/// Where a deadline stands on a given date, combining the date with what is recorded.
public enum DeadlineState: String, Hashable, Sendable, CaseIterable {
    /// Recorded as done.
    case done
    /// Recorded as not done, and the deadline has passed.
    case notDone = "not-done"
    /// Recorded as not applicable to the recipient.
    case notApplicable = "not-applicable"
    /// The deadline has passed and nothing is recorded: unknown, never a failure.
    case passedNoRecord = "passed-no-record"
    /// Within the due-soon window, up to and including the day itself.
    case dueSoon = "due-soon"
    case upcoming
    /// A duty that arises only on a condition (repayment of unused money): not a deadline to miss.
    case conditional
}

/// Deadline arithmetic against an explicit date, so a build is reproducible.
public enum DeadlineClock {
    /// The state of a deadline due on `due` as of `asOf`, with `window` days counting as soon.
    ///
    /// What is recorded wins; a deadline with no record is never shown as missed, only as
    /// passed without a record. The deadline day itself is still due; the day after it has passed.
    public static func state(due: String, asOf: String, window: Int, status: ItemStatus, conditional: Bool = false) -> DeadlineState {
        switch status {
        case .done: return .done
        case .notApplicable: return .notApplicable
        case .notDone, .unknown: break
        }
        guard let dueDay = dayNumber(due), let today = dayNumber(asOf) else { return .upcoming }
        if today > dueDay { return status == .notDone ? .notDone : conditional ? .conditional : .passedNoRecord }
        if conditional { return .conditional }
        if dueDay - today <= window { return .dueSoon }
        return .upcoming
    }

    /// Days since 1970-01-01 of an ISO date (proleptic Gregorian), without time zones.
    public static func dayNumber(_ iso: String) -> Int? {
        guard let (y0, m, d) = ISODate.components(iso) else { return nil }
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }
}
