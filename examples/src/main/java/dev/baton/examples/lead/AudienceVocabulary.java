package dev.baton.examples.lead;

/**
 * The terms the audience translator recognises. Canonical names are what criteria and segments
 * carry and what the lead provider is queried with; extend the lists here, nowhere else.
 */
final class AudienceVocabulary {
  static final TermList ROLES = TermList.builder(true)
      .term("CEO", "chief executive officer", "chief executive")
      .term("CTO", "chief technology officer", "chief technical officer")
      .term("CFO", "chief financial officer")
      .term("COO", "chief operating officer")
      .term("CMO", "chief marketing officer")
      .term("CPO", "chief product officer")
      .term("CISO", "chief information security officer")
      .term("Founder", "co-founder", "cofounder", "co founder")
      .term("VP Engineering", "vp of engineering", "vp eng", "vice president of engineering",
          "vice president engineering")
      .term("VP Sales", "vp of sales", "vice president of sales", "vice president sales")
      .term("VP Marketing", "vp of marketing", "vice president of marketing")
      .term("Head of Engineering", "engineering lead")
      .term("Head of Sales", "sales lead", "sales director", "director of sales")
      .term("Head of Marketing", "marketing director", "director of marketing")
      .term("Head of Product", "product director", "director of product")
      .term("Head of Data", "data lead")
      .term("Head of HR", "hr director", "head of people", "people director")
      .term("Engineering Manager", "software engineering manager")
      .term("Marketing Manager", "marketing lead")
      .term("Sales Manager", "account executive")
      .term("Product Manager", "product owner")
      .term("Software Engineer", "developer", "software developer", "engineer")
      .term("Data Scientist", "data analyst", "data engineer")
      .term("Recruiter", "talent acquisition manager", "talent partner")
      .build();

  static final TermList INDUSTRIES = TermList.builder(false)
      .term("fintech", "financial technology", "payments", "banking", "neobank", "neobanks")
      .term("healthtech", "health tech", "health-tech", "digital health", "healthcare", "medtech")
      .term("saas", "software as a service", "software-as-a-service", "b2b software")
      .term("e-commerce", "ecommerce", "e commerce", "online retail", "online shops", "d2c")
      .term("edtech", "education technology", "ed-tech")
      .term("insurtech", "insurance technology", "insurance")
      .term("proptech", "real estate technology", "real estate")
      .term("cybersecurity", "cyber security", "infosec", "information security")
      .term("ai", "artificial intelligence", "machine learning", "ml", "genai")
      .term("logistics", "supply chain", "shipping")
      .term("gaming", "games", "game studios")
      .term("climatetech", "climate tech", "cleantech", "clean tech", "renewables")
      .term("biotech", "biotechnology", "life sciences")
      .term("media", "publishing", "adtech")
      .build();

  static final TermList COMPANY_STAGES = TermList.builder(true)
      .term("startup", "start-up", "start up", "early-stage company", "early-stage", "seed-stage")
      .term("scale-up", "scaleup", "scale up", "growth-stage company", "growth-stage")
      .term("smb", "sme", "small business", "small and medium business", "mid-size company",
          "mid-sized company")
      .term("enterprise", "large company", "corporation", "corporate", "fortune 500")
      .build();

  static final TermList LOCATIONS = TermList.builder(false)
      // cities
      .term("Berlin").term("Munich", "München").term("Hamburg").term("Frankfurt")
      .term("London").term("Manchester").term("Paris").term("Amsterdam").term("Madrid")
      .term("Barcelona").term("Lisbon").term("Dublin").term("Stockholm").term("Copenhagen")
      .term("Helsinki").term("Oslo").term("Zurich", "Zürich").term("Vienna").term("Warsaw")
      .term("Prague").term("Milan").term("Brussels").term("Tel Aviv")
      .term("New York", "new york city", "nyc").term("San Francisco", "sf", "bay area")
      .term("Los Angeles").term("Boston").term("Seattle").term("Austin").term("Chicago")
      .term("Toronto").term("Singapore").term("Tokyo").term("Sydney").term("Bangalore", "Bengaluru")
      .term("Dubai")
      // countries and regions
      .term("Germany").term("France").term("United Kingdom", "uk", "great britain", "britain")
      .term("United States", "usa", "u.s.", "united states of america").term("Netherlands", "the netherlands", "holland")
      .term("Spain").term("Portugal").term("Italy").term("Ireland").term("Sweden").term("Denmark")
      .term("Finland").term("Norway").term("Switzerland").term("Austria").term("Poland")
      .term("Belgium").term("Israel").term("Canada").term("India").term("Japan").term("Australia")
      .term("Europe").term("DACH").term("Nordics").term("North America")
      .build();

  private AudienceVocabulary() {}
}
