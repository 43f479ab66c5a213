// The citation map: documents → the original sources they cite → the figures and claims
// those sources report.
MATCH (d:Document)-[mn:MENTIONS]->(s)
OPTIONAL MATCH (s)-[r:REPORTS]->(x)
RETURN d, mn, s, r, x
