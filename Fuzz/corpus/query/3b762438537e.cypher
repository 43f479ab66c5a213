// Wage figures with their sources: document → source → figure → the role it measures.
MATCH (f:Figure)-[m:MEASURES]->(subject)
WHERE f.measure CONTAINS 'wage' OR f.measure CONTAINS 'pay'
OPTIONAL MATCH (src)-[r:REPORTS]->(f)
OPTIONAL MATCH (d:Document)-[mn:MENTIONS]->(src)
RETURN f, m, subject, src, r, d, mn
