/// A plain overview page until the templated site lands: every agreement's pots and amounts.
enum IndexPage {
    static func html(_ site: CheckedSite) -> String {
        let e = SwedishFormat.html
        var body = ""
        for allocation in site.allocations.reversed() {
            let agreement = allocation.agreement
            body += "<section id=\"\(agreement.id)\" aria-labelledby=\"h-\(agreement.id)\">\n<h2 id=\"h-\(agreement.id)\">\(e(agreement.title))</h2>\n"
            body += "<table>\n<caption>Potter i \(e(agreement.title))</caption>\n<thead><tr><th scope=\"col\">Pott</th><th scope=\"col\">Belopp</th><th scope=\"col\">Fördelning</th></tr></thead>\n<tbody>\n"
            for pot in Allocator.preOrder(agreement) {
                let status: String
                switch allocation.pots[pot.id] {
                case .distributed(let shares)?: status = shares.count > 1 ? "Beräknad per mottagare" : "Hela beloppet till en mottagare"
                case .notDistributed?: status = "Källan anger ingen fördelning"
                case .notComputable(let reason)?: status = "Kan inte beräknas: " + e(reason)
                case .mixed?, nil: status = "Se delarna"
                }
                body += "<tr id=\"\(agreement.id)-\(pot.id)\"><th scope=\"row\">\(e(pot.title))</th><td>\(allocation.amounts[pot.id].map(SwedishFormat.kronor) ?? "–")</td><td>\(status)</td></tr>\n"
            }
            body += "</tbody>\n</table>\n</section>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="sv">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>anslag – statens överenskommelser med SKR</title>
        </head>
        <body>
        <main>
        <h1>Statens överenskommelser med SKR</h1>
        <p>Alla belopp är beräknade från överenskommelsernas fördelningsnycklar och kontrollerade mot de publicerade tabellerna. Data: <a href="data/anslag.json">anslag.json</a>.</p>
        \(body)</main>
        </body>
        </html>

        """
    }
}
