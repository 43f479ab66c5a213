// A role's skills: what a customer service representative needs (skills and qualifications).
MATCH p = (r:Role)-[:REQUIRES]->(s)
WHERE id(r) = 'role:customer-service-representative'
RETURN p
