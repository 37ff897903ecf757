// The playbook's calculateHealthScore and calculateReadinessScore, transcribed from its
// TypeScript with the types removed and nothing else changed. Run with Node.js to
// regenerate tests/golden/playbook_scores.json from the inputs in it:
//   node tests/golden/playbook_formulas.js tests/golden/playbook_scores.json
// The tests compare csdesk's scores with these bit for bit (JSON keeps every double).
const fs = require("fs");

function calculateHealthScore(metrics) {
  const weights = {
    usage: 0.4,
    performance: 0.3,
    businessValue: 0.2,
    satisfaction: 0.1,
  };

  const usageScore =
    metrics.platformAdoption * 0.4 +
    metrics.workflowUtilization * 0.4 +
    metrics.featureUsage * 0.2;

  const performanceScore =
    metrics.systemUptime * 0.4 +
    metrics.workflowSuccessRate * 0.4 +
    metrics.performanceTargets * 0.2;

  const businessValueScore =
    metrics.roiAchievement * 0.5 +
    metrics.businessObjectives * 0.3 +
    metrics.costOptimization * 0.2;

  const satisfactionScore =
    metrics.userSatisfaction * 0.5 +
    metrics.supportTickets * 0.3 +
    metrics.referenceWillingness * 0.2;

  const overallScore =
    usageScore * weights.usage +
    performanceScore * weights.performance +
    businessValueScore * weights.businessValue +
    satisfactionScore * weights.satisfaction;

  const status =
    overallScore >= 80
      ? 'Healthy'
      : overallScore >= 60
        ? 'At Risk'
        : 'Critical';

  return { score: overallScore, status };
}

function calculateReadinessScore(assessment) {
  const avgScore =
    (assessment.executiveSponsorship +
      assessment.strategicImportance +
      assessment.technicalSkills +
      assessment.changeReadiness) /
    4;

  const readinessLevel =
    avgScore >= 4 ? 'High' : avgScore >= 3 ? 'Medium' : 'Low';

  return { score: avgScore, readinessLevel };
}

const path = process.argv[2];
const doc = JSON.parse(fs.readFileSync(path, "utf8"));
doc.health = doc.health.map((c) => ({ input: c.input, expected: calculateHealthScore(c.input) }));
doc.readiness = doc.readiness.map((c) => ({ input: c.input, expected: calculateReadinessScore(c.input) }));
fs.writeFileSync(path, JSON.stringify(doc, null, 1) + "\n");
