/// Word lists the generator builds names from, so string predicates (`CONTAINS 'billing'`,
/// `STARTS WITH 'senior'`) behave as on real data. Names are made by counting through the
/// lists (mixed radix), so the first `product` names of a label are all different.
enum GeneratorVocabulary {
    static let seniority = ["junior", "senior", "lead", "principal", "associate", "assistant",
                            "chief", "trainee", "staff", "head"]
    static let domains = ["billing", "support", "sales", "claims", "onboarding", "retention", "contact centre",
                          "help desk", "technical", "account", "field service", "returns", "complaints",
                          "payments", "loyalty", "bookings", "shipping", "warranty", "insurance", "banking",
                          "telecom", "retail", "travel", "healthcare", "utilities", "logistics", "hospitality",
                          "software", "hardware", "subscription", "collections", "quality", "training",
                          "escalations", "chat", "email", "social media", "enterprise", "public sector", "energy"]
    static let roleNouns = ["agent", "representative", "specialist", "advisor", "coordinator", "analyst",
                            "manager", "supervisor", "consultant", "officer", "associate", "administrator",
                            "technician", "team leader", "operator", "clerk", "planner", "trainer",
                            "engineer", "director", "assistant", "expert", "partner", "liaison", "handler",
                            "dispatcher", "auditor", "recruiter", "scheduler", "strategist"]

    static let skillQualifiers = ["active", "written", "verbal", "advanced", "basic", "conflict", "time",
                                  "customer", "product", "data", "digital", "cross-cultural", "remote",
                                  "team", "process", "financial", "technical", "creative", "critical", "emotional"]
    static let skillNouns = ["listening", "communication", "negotiation", "empathy", "patience", "problem solving",
                             "de-escalation", "typing", "CRM usage", "ticketing", "documentation", "prioritisation",
                             "multitasking", "troubleshooting", "coaching", "forecasting", "reporting", "scripting",
                             "spreadsheets", "presentation", "persuasion", "resilience", "attention to detail",
                             "knowledge sharing", "scheduling", "compliance", "upselling", "follow-up",
                             "active recall", "feedback", "mediation", "planning", "research", "writing",
                             "translation", "analysis", "budgeting", "mentoring", "onboarding", "self-management",
                             "adaptability", "accuracy", "product knowledge", "call handling", "chat handling",
                             "email etiquette", "dispute resolution", "escalation handling", "survey design",
                             "quality review", "workforce management", "SQL", "Excel", "Salesforce", "Zendesk",
                             "phone etiquette", "sign language", "Dutch", "Swedish", "German"]
    static let skillCategories = ["interpersonal", "technical", "language", "analytical", "organisational", "digital"]
    static let skillTags = ["core", "soft", "hard", "certified", "emerging", "entry-level", "advanced", "remote-friendly"]

    static let sectorWords = ["retail", "banking", "insurance", "telecommunications", "healthcare", "travel",
                              "hospitality", "utilities", "logistics", "e-commerce", "public administration",
                              "education", "software", "automotive", "energy", "media", "real estate",
                              "food service", "airlines", "pharmaceuticals", "gaming", "consulting",
                              "manufacturing", "agriculture", "construction", "transport", "non-profit",
                              "security", "finance", "legal services"]
    static let sectorQualifiers = ["", "online ", "regional ", "national ", "wholesale ", "consumer ", "business ",
                                   "international ", "small-business ", "premium "]

    static let sourcePrefixes = ["National", "European", "Federal", "Nordic", "Dutch", "Swedish", "Global",
                                 "Regional", "Independent", "Central", "Open", "United"]
    static let sourceTopics = ["Labour", "Employment", "Statistics", "Workforce", "Career", "Customer Experience",
                               "Contact Centre", "Wage", "Skills", "Economic", "Service Quality", "Jobs"]
    static let sourceNouns = ["Bureau", "Institute", "Agency", "Council", "Office", "Survey", "Association",
                              "Observatory", "Foundation", "Board"]
    static let sourceKinds = ["government agency", "survey", "trade association", "research institute",
                              "job board", "consultancy", "union"]

    static let documentKinds = ["news article", "career advice", "job description", "report", "survey summary",
                                "blog post", "press release"]
    static let documentTopics = ["customer service jobs", "contact centre wages", "remote support work",
                                 "skills in demand", "call centre turnover", "service careers", "help desk outlook",
                                 "chat support growth", "retail service staff", "banking customer care"]
    static let languages = ["en", "en", "en", "en", "en", "en", "en", "nl", "nl", "sv"]

    static let measures: [(measure: String, unit: String, low: Double, high: Double)] = [
        ("employment growth", "percent", -10, 40),
        ("median hourly wage", "USD/hour", 10, 45),
        ("median annual wage", "USD/year", 22000, 95000),
        ("employment", "jobs", 1000, 3_000_000),
        ("turnover rate", "percent", 5, 80),
        ("job openings", "jobs", 100, 400_000),
        ("satisfaction score", "percent", 30, 99),
        ("average handle time", "minutes", 2, 25),
    ]
    static let regions = ["US", "EU", "NL", "SE", "UK", "DE", "global"]
    static let quoteVerbs = ["grew", "fell", "reached", "stood at", "rose to", "was about", "is expected to reach"]

    /// The `index`-th combination of the lists, counting with the last list fastest; past the
    /// product of their sizes a number is appended so names stay unique.
    static func combine(_ index: Int, _ lists: [[String]], separator: String = " ") -> String {
        let product = lists.reduce(1) { $0 * $1.count }
        var rest = index % product
        var parts = [String](repeating: "", count: lists.count)
        for k in stride(from: lists.count - 1, through: 0, by: -1) {
            parts[k] = lists[k][rest % lists[k].count]
            rest /= lists[k].count
        }
        var name = parts.joined(separator: separator)
        if index >= product { name += " \(index / product + 1)" }
        return name
    }
}
