// kgq export: 10 nodes, 9 relationships.
// Citations are kept as the list properties cite_document, cite_line, cite_quote, cite_gloss, cite_via.
CREATE (:Document {id: "doc:bls", file: "001_bls.txt", kind: "occupational outlook", language: "en", publisher: "BLS", sha256: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", title: "Customer Service Representatives"});
CREATE (:Document {id: "doc:kundtjanst", file: "002_kt.txt", kind: "career advice", language: "sv", sha256: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", title: "Kundtjänstrepresentant"});
CREATE (:Role {id: "role:csr", name_nl: "klantenservicemedewerker", name_sv: "kundtjänstrepresentant", aliases: ["CSR"], name: "customer service representative", cite_document: ["doc:kundtjanst"], cite_line: [1], cite_quote: ["Plikt och ansvar för en kundtjänstrepresentant"], cite_gloss: ["Duties of a customer service representative"], cite_via: [""]});
CREATE (:Sector {id: "sector:cs", name: "customer service"});
CREATE (:Skill {id: "skill:communication", name: "communication", cite_document: ["doc:bls"], cite_line: [12], cite_quote: ["good communication skills"], cite_gloss: [""], cite_via: [""]});
CREATE (:Qualification {id: "qual:high-school", name: "high school diploma"});
CREATE (:Source:Organization {id: "source:bls", name: "Bureau of Labor Statistics"});
CREATE (:Figure {id: "fig:wage-2016", measure: "median hourly wage", period: date("2016"), region: "US", unit: "USD/hour", value: 15.81, cite_document: ["doc:bls"], cite_line: [20], cite_quote: ["median hourly wage was $15.81"], cite_gloss: [""], cite_via: ["source:bls"]});
CREATE (:Figure {id: "fig:growth", high: 12, low: 10, measure: "employment growth", period_end: date("2026"), period_start: date("2016"), unit: "percent", cite_document: ["doc:bls"], cite_line: [30], cite_quote: ["projected to grow 10 to 12 percent"], cite_gloss: [""], cite_via: ["source:bls"]});
CREATE (:Claim {id: "claim:growth", assessment: "about as fast as average", measure: "employment growth", period_end: date("2026"), period_start: date("2016"), statement: "Employment grows about as fast as average."});
MATCH (a:Role {id: "role:csr"}), (b:Skill {id: "skill:communication"}) CREATE (a)-[:REQUIRES {id: "e1", cite_document: ["doc:bls"], cite_line: [12], cite_quote: ["good communication skills"], cite_gloss: [""], cite_via: [""]}]->(b);
MATCH (a:Role {id: "role:csr"}), (b:Qualification {id: "qual:high-school"}) CREATE (a)-[:REQUIRES {id: "e2", level: "minimum"}]->(b);
MATCH (a:Role {id: "role:csr"}), (b:Sector {id: "sector:cs"}) CREATE (a)-[:WORKS_IN {id: "e3"}]->(b);
MATCH (a:Figure {id: "fig:wage-2016"}), (b:Role {id: "role:csr"}) CREATE (a)-[:MEASURES {id: "e4"}]->(b);
MATCH (a:Figure {id: "fig:growth"}), (b:Role {id: "role:csr"}) CREATE (a)-[:MEASURES {id: "e5"}]->(b);
MATCH (a:Source:Organization {id: "source:bls"}), (b:Figure {id: "fig:wage-2016"}) CREATE (a)-[:REPORTS {id: "e6", channel: "survey"}]->(b);
MATCH (a:Source:Organization {id: "source:bls"}), (b:Figure {id: "fig:growth"}) CREATE (a)-[:REPORTS {id: "e7"}]->(b);
MATCH (a:Claim {id: "claim:growth"}), (b:Role {id: "role:csr"}) CREATE (a)-[:MEASURES {id: "e8"}]->(b);
MATCH (a:Document {id: "doc:bls"}), (b:Source:Organization {id: "source:bls"}) CREATE (a)-[:MENTIONS {id: "e9"}]->(b);
