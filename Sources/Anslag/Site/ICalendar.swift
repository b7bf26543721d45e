/// An iCalendar (RFC 5545) file of an agreement's deadlines, so a controller can subscribe.
enum ICalendar {
    static func ics(_ agreement: Agreement, config: SiteConfig, regions: RegionRegistry) -> String {
        let host = config.baseURL.replacingOccurrences(of: "https://", with: "").replacingOccurrences(of: "http://", with: "")
        let stamp = config.buildDate.replacingOccurrences(of: "-", with: "") + "T000000Z"
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//anslag//tidsfrister//SV", "CALSCALE:GREGORIAN",
                     "X-WR-CALNAME:" + escape("Tidsfrister: \(agreement.title)")]
        for d in agreement.deadlines.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            let day = d.date.replacingOccurrences(of: "-", with: "")
            let next = DeadlineClock.dayNumber(d.date).map { dayString($0 + 1) } ?? day
            let who = BindingText.list(d.by, in: agreement, regions: regions)
            lines += ["BEGIN:VEVENT", "UID:\(agreement.id)-\(d.id)@\(host)", "DTSTAMP:\(stamp)",
                      "DTSTART;VALUE=DATE:\(day)", "DTEND;VALUE=DATE:\(next)",
                      "SUMMARY:" + escape("\(agreement.title): \(d.title ?? d.what)"),
                      "DESCRIPTION:" + escape("\(d.what) Vem: \(who). Till: \(d.to ?? "–"). Avsnitt \(d.section ?? "–")."),
                      "URL:\(config.baseURL)\(SiteURL.checklist(agreement.id))", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ text: String) -> String { ICalendarText.escape(text) }

    static func fold(_ line: String) -> String { ICalendarText.fold(line) }

    static func dayString(_ days: Int) -> String {
        // Inverse of DeadlineClock.dayNumber (civil from days).
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func digits(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return digits(y, 4) + digits(m, 2) + digits(d, 2)
    }
}

import Foundation
