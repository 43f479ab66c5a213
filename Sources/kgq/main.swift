// Placeholder until the CLI lands (issue 2).
print("kgq")
