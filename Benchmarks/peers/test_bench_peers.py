"""Tests of bench_peers.py's pieces that need no peer engine and no kgq build (`make bench-peers-check`).

    python3 -m unittest discover -s Benchmarks/peers -p 'test_*.py'
"""
import csv
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_peers as bp  # noqa: E402

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench_peers.py")


def write_csv(folder, name, rows):
    with open(os.path.join(folder, name), "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)


class SmallGraph:
    """A folder in the generator's CSV style: roles, skills, sectors; REQUIRES, WORKS_IN and a two-pair MENTIONS."""

    def __enter__(self):
        self.tmp = tempfile.TemporaryDirectory()
        d = self.folder = self.tmp.name
        write_csv(d, "nodes_role.csv", [["id:ID", ":LABEL", "name", "level:int", "remote:boolean", "aliases:string[]"],
                                        ["role:1", "Role", "agent", "1", "false", "rep;clerk"],
                                        ["role:2", "Role", "lead", "3", "true", ""],
                                        ["role:3", "Role", "o'brien desk", "2", "false", ""]])
        write_csv(d, "nodes_skill.csv", [["id:ID", ":LABEL", "name", "category"],
                                         ["skill:1", "Skill", "typing", "technical"],
                                         ["skill:2", "Skill", "empathy", "interpersonal"]])
        write_csv(d, "nodes_document.csv", [["id:ID", ":LABEL", "title", "published:date"],
                                            ["doc:1", "Document;Text", "A, B and C", "2005-01"]])
        write_csv(d, "rels_requires.csv", [[":START_ID", ":END_ID", ":TYPE"],
                                           ["role:2", "skill:1", "REQUIRES"], ["role:1", "skill:1", "REQUIRES"],
                                           ["role:2", "skill:2", "REQUIRES"], ["role:3", "skill:2", "REQUIRES"],
                                           ["role:3", "skill:1", "REQUIRES"]])
        write_csv(d, "rels_mentions.csv", [[":START_ID", ":END_ID", ":TYPE", "weight:float"],
                                           ["doc:1", "role:1", "MENTIONS", "0.5"], ["doc:1", "skill:2", "MENTIONS", ""]])
        return self

    def __exit__(self, *exc):
        self.tmp.cleanup()


class HeaderTests(unittest.TestCase):
    def test_roles_types_and_arrays(self):
        header = bp.parse_header(["id:ID", ":LABEL", "name", "level:int", "tags:string[]", "value:float", "x:ID(Role)"])
        self.assertEqual(header, [("ID", "id", None, False), ("LABEL", "", None, False), ("PROP", "name", "string", False),
                                  ("PROP", "level", "int", False), ("PROP", "tags", "string", True),
                                  ("PROP", "value", "float", False), ("ID", "x", None, False)])

    def test_peer_columns(self):
        self.assertEqual(bp.peer_column("level", "int", False), "level INT64")
        self.assertEqual(bp.peer_column("as_of", "date", False), "as_of STRING")   # partial dates are no DATE
        self.assertEqual(bp.peer_column("tags", "string", True), "tags STRING[]")
        self.assertEqual(bp.peer_cell("a;b", True), "[a,b]")
        self.assertEqual(bp.peer_cell("", True), "")
        self.assertEqual(bp.peer_cell("a;b", False), "a;b")


class PrepareTests(unittest.TestCase):
    def test_tables_and_copies(self):
        with SmallGraph() as g, tempfile.TemporaryDirectory() as out:
            ddl, copies = bp.prepare_peer_tables(g.folder, out)
            self.assertIn("CREATE NODE TABLE Role(id STRING, name STRING, level INT64, remote BOOLEAN, aliases STRING[], PRIMARY KEY (id))", ddl)
            self.assertIn("CREATE NODE TABLE Document(id STRING, title STRING, published STRING, PRIMARY KEY (id))", ddl)
            self.assertIn("CREATE REL TABLE REQUIRES(FROM Role TO Skill)", ddl)
            self.assertIn("CREATE REL TABLE MENTIONS(FROM Document TO Role, FROM Document TO Skill, weight DOUBLE)", ddl)
            # node tables before rel tables, so every FROM/TO names an existing table
            self.assertLess(max(i for i, s in enumerate(ddl) if "NODE" in s), min(i for i, s in enumerate(ddl) if "REL" in s))
            mentions = [c for c in copies if c.startswith("COPY MENTIONS")]
            self.assertEqual(len(mentions), 2)
            self.assertTrue(all("from='Document'" in c for c in mentions))
            with open(os.path.join(out, "n_nodes_role.csv"), newline="", encoding="utf-8") as fh:
                rows = list(csv.reader(fh))
            self.assertEqual(rows[0], ["role:1", "agent", "1", "false", "[rep,clerk]"])
            self.assertEqual(len(rows), 3)   # no header line: COPY … (header=false)
            with open(os.path.join(out, "n_nodes_document.csv"), newline="", encoding="utf-8") as fh:
                self.assertEqual(list(csv.reader(fh)), [["doc:1", "A, B and C", "2005-01"]])

    def test_cache_is_reused_until_the_graph_changes(self):
        with SmallGraph() as g, tempfile.TemporaryDirectory() as out:
            first = bp.cached_peer_tables(g.folder, out)
            os.remove(os.path.join(out, "n_nodes_role.csv"))
            self.assertEqual(bp.cached_peer_tables(g.folder, out), first)
            self.assertFalse(os.path.exists(os.path.join(out, "n_nodes_role.csv")))   # reused, not rewritten
            write_csv(g.folder, "nodes_role.csv", [["id:ID", ":LABEL", "name"], ["role:1", "Role", "agent"],
                                                   ["role:2", "Role", "lead"], ["role:3", "Role", "x"]])
            second = bp.cached_peer_tables(g.folder, out)
            self.assertIn("CREATE NODE TABLE Role(id STRING, name STRING, PRIMARY KEY (id))", second[0])

    def test_hub_role(self):
        with SmallGraph() as g:
            # role:2 and role:3 both have two REQUIRES: the smaller id wins
            self.assertEqual(bp.hub_role(g.folder), ("lead", 2))
            write_csv(g.folder, "rels_requires.csv", [[":START_ID", ":END_ID", ":TYPE"], ["role:3", "skill:1", "REQUIRES"]])
            self.assertEqual(bp.hub_role(g.folder), ("o'brien desk", 1))

    def test_hub_name_is_quoted_in_queries(self):
        texts = [q[2] for q in bp.queries("o'brien desk")]
        self.assertTrue(any("'o\\'brien desk'" in t for t in texts))
        self.assertEqual(len(texts), 11)
        self.assertEqual(len({q[0] for q in bp.queries("x")}), 11)


class AgreementTests(unittest.TestCase):
    def test_modes(self):
        self.assertEqual(bp.agreement("rows", [["a"], ["b"]], [["b"], ["a"]]), "yes")
        self.assertEqual(bp.agreement("ordered", [["a"], ["b"]], [["b"], ["a"]]), "no")
        self.assertEqual(bp.agreement("ordered", [["a", 1.0]], [["a", 1]]), "yes")
        self.assertEqual(bp.agreement("rows", [[0.1 + 0.2]], [[0.3]]), "yes")
        self.assertEqual(bp.agreement("rows", [[1]], [[2]]), "no")
        self.assertEqual(bp.agreement("count", [["a"], ["b"]], [["c"], ["d"]]), "count")
        self.assertEqual(bp.agreement("count", [["a"], ["b"]], [["b"], ["a"]]), "yes")
        self.assertEqual(bp.agreement("count", [["a"]], [["c"], ["d"]]), "no")
        self.assertEqual(bp.agreement("rows", None, [["a"]]), "–")

    def test_two_hop_known_difference(self):
        self.assertEqual(bp.agreement("two-hop", [[100]], [[100]], 7), "yes")
        self.assertEqual(bp.agreement("two-hop", [[100]], [[107]], 7), "yes (+7 known)")
        self.assertEqual(bp.agreement("two-hop", [[100]], [[108]], 7), "no")

    def test_collect(self):
        self.assertEqual(bp.agreement("collect", [["r", ["a", "b"]]], [["r", ["b", "a"]]]), "yes")
        self.assertEqual(bp.agreement("collect", [["r", []], ["s", ["a"]]], [["r", None], ["s", ["a"]]]), "yes (NULL for [] known)")
        self.assertEqual(bp.agreement("collect", [["r", []]], [["r", ["a"]]]), "no")


class TimingTests(unittest.TestCase):
    def test_profile_estimate(self):
        plan = "Match [rows=1 db hits=1 time=0.029 ms]\n  Seek\nReturn r.name  [rows=1 db hits=0 time=1.5 ms]"
        self.assertAlmostEqual(bp.profile_estimate(plan, 10), 0.001529 + 10e-6 + 50e-6)
        self.assertAlmostEqual(bp.profile_estimate(None, 0), 50e-6)

    def test_choose_repeats(self):
        self.assertEqual(bp.choose_repeats(0.001, 5.0, 200_000), 5000)
        self.assertEqual(bp.choose_repeats(10.0, 5.0, 200_000), 3)
        self.assertEqual(bp.choose_repeats(0.0, 5.0, 200_000), 200_000)

    def test_timed_process(self):
        wall, cpu, peak, code, err = bp.timed_process([sys.executable, "-c", "import sys; sys.stderr.write('x'); sys.exit(3)"])
        self.assertEqual(code, 3)
        self.assertEqual(err, "x")
        self.assertGreater(wall, 0)
        self.assertGreater(peak, 1_000_000)   # a Python process holds megabytes
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as fh:
            fh.write("abc")
        try:
            code = bp.timed_process([sys.executable, "-c", "import sys; sys.exit(0 if sys.stdin.read() == 'abc' else 1)"], fh.name)[3]
            self.assertEqual(code, 0)
        finally:
            os.remove(fh.name)

    def test_script_has_r_copies(self):
        with tempfile.TemporaryDirectory() as d:
            path = bp.write_script(d, "q", "RETURN 1", 4)
            with open(path, encoding="utf-8") as fh:
                self.assertEqual(fh.read(), "RETURN 1;\n" * 4)

    def test_formats(self):
        self.assertEqual(bp.fmt_time(0.0000123), "12.3 µs")
        self.assertEqual(bp.fmt_time(0.00123), "1.23 ms")
        self.assertEqual(bp.fmt_time(0.123), "123.0 ms")
        self.assertEqual(bp.fmt_time(2.5), "2.50 s")
        self.assertEqual(bp.fmt_time(-0.001), "≤ 0 (noise)")
        self.assertEqual(bp.fmt_ratio(1.0, 4.0), "0.25")
        self.assertEqual(bp.fmt_ratio(-1.0, 4.0), "–")


class CommandLineTests(unittest.TestCase):
    def run_script(self, *arguments):
        return subprocess.run([sys.executable, SCRIPT, *arguments], capture_output=True, text=True)

    def test_missing_kgq_is_exit_code_2(self):
        with tempfile.TemporaryDirectory() as d:
            r = self.run_script("--kgq", os.path.join(d, "nothing"), "--cache", d)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no kgq executable at", r.stderr)
        self.assertIn("swift build -c release --product kgq", r.stderr)

    def test_bad_numbers_are_exit_code_2(self):
        for flag, value in (("--rounds", "0"), ("--runs", "-1"), ("--target", "0")):
            r = self.run_script(flag, value)
            self.assertEqual(r.returncode, 2, flag)
            self.assertIn(flag, r.stderr)

    def test_quick_defaults(self):
        args = bp.parse_arguments(["--quick"])
        self.assertEqual((args.rounds, args.load_rounds, args.runs, args.target), (1, 1, 5, 1.0))
        args = bp.parse_arguments([])
        self.assertEqual((args.rounds, args.load_rounds, args.runs, args.target), (5, 3, 20, 5.0))


if __name__ == "__main__":
    unittest.main()
