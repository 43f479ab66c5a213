#!/usr/bin/env python3
"""Whole-process timing: (T(load+R*Q) - T(load+R*RETURN 1))/R, min of N trials, kgq binaries side by side."""
import os, resource, subprocess, sys, time
# KGQ_CPU=1: child CPU time (user+sys) instead of wall time, steadier on a busy machine.
CPU = os.environ.get("KGQ_CPU") == "1"
G = sys.argv[1]; bins = sys.argv[2].split(','); N = int(sys.argv[3]) if len(sys.argv) > 3 else 3
only = sys.argv[4].split(',') if len(sys.argv) > 4 else None
HUB = "junior billing agent"
Q = {
 "Q1": ("MATCH (r:Role) WHERE r.name = '%s' RETURN r.name, r.level" % HUB, 400),
 "Q2": ("MATCH (r:Role {name: '%s'})-[:REQUIRES]->(s:Skill) WHERE s.category = 'technical' RETURN s.name" % HUB, 200),
 "Q3": ("MATCH (r:Role {name: '%s'})-[:REQUIRES]->(s:Skill)<-[:REQUIRES]-(o:Role) RETURN count(*)" % HUB, 60),
 "Q4": ("MATCH (r:Role)-[:REQUIRES]->(s:Skill) RETURN s.name AS skill, count(*) AS roles ORDER BY roles DESC, skill LIMIT 10", 30),
 "Q6": ("MATCH (s:Skill) WHERE s.name CONTAINS 'billing' RETURN count(*)", 200),
 "Q7": ("MATCH (r:Role {name: '%s'})-[:REQUIRES]->(s:Skill) RETURN s.name, s.category ORDER BY s.name LIMIT 1000" % HUB, 100),
 "Q8": ("MATCH (r:Role) RETURN r.name, r.level, r.id ORDER BY r.name LIMIT 10000", 20),
}
def run(b, text, r):
    inp = ";\n".join([text] * r) + ";\n"
    def clock():
        if not CPU: return time.perf_counter()
        u = resource.getrusage(resource.RUSAGE_CHILDREN); return u.ru_utime + u.ru_stime
    t = clock()
    p = subprocess.run([b, "query", "--graph", G, "--format", "csv", "--max-rows", "100000000"], input=inp.encode(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    d = clock() - t
    if p.returncode: print(b, text[:40], p.stderr.decode()[:300]); 
    return d
for name, (text, r) in Q.items():
    if only and name not in only: continue
    res = {}
    for b in bins: res[b] = []
    for _ in range(N):
        for b in bins:
            base = run(b, "RETURN 1", r); full = run(b, text, r)
            res[b].append((full - base) / r * 1000)
    print(name, "  ".join("%s=%.2fms" % (b.split('/')[-1], min(v)) for b, v in res.items()), flush=True)
