"""Write the golden inputs (run once; then playbook_formulas.js adds the expected results).

    python tests/golden/make_inputs.py && node tests/golden/playbook_formulas.js \
        tests/golden/playbook_scores.json
"""

import json
import random
from pathlib import Path

HEALTH = ["platformAdoption", "workflowUtilization", "featureUsage", "systemUptime",
          "workflowSuccessRate", "performanceTargets", "roiAchievement", "businessObjectives",
          "costOptimization", "userSatisfaction", "supportTickets", "referenceWillingness"]
READINESS = ["executiveSponsorship", "strategicImportance", "budgetApproval",
             "infrastructureMaturity", "technicalSkills", "integrationComplexity",
             "changeReadiness", "processDocumentation", "stakeholderBuyIn"]

rng = random.Random(20261128)
health = [{k: v for k in HEALTH} for v in (0, 100, 80, 60, 40, 59.99, 79.99, 80.01, 85, 33.3)]
for n in range(200):
    low = 0 if n % 2 else 55  # half the cases near the At Risk / Healthy lines
    health.append({k: rng.choice([rng.randint(low, 100), round(rng.uniform(low, 100), 2)])
                   for k in HEALTH})
readiness = [{k: v for k in READINESS} for v in (1, 2, 3, 4, 5, 2.75, 3.25, 3.99)]
for _ in range(100):
    readiness.append({k: rng.choice([rng.randint(1, 5), round(rng.uniform(1, 5), 2)])
                      for k in READINESS})
out = Path(__file__).with_name("playbook_scores.json")
out.write_text(json.dumps({"health": [{"input": h} for h in health],
                           "readiness": [{"input": r} for r in readiness]}))
