// Growth figures and claims, and who says so.
// draw: citations
MATCH (x)-[m:MEASURES]->(subject)
WHERE (x:Figure OR x:Claim) AND x.measure CONTAINS 'growth'
OPTIONAL MATCH (who)-[r:REPORTS]->(x)
RETURN x, m, subject, who, r
