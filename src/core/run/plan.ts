import type { ResolvedDefinition } from '../definition/schema.ts';

/** One call to make: a case, a model, a sample index. Its key is the result's idempotency key. */
export interface WorkItem {
  caseId: string;
  model: string;
  sample: number;
}

/** Every work item of a run, cases outermost so partial progress covers all models evenly. */
export function planWorkItems(definition: ResolvedDefinition, models: string[], samples: number): WorkItem[] {
  const items: WorkItem[] = [];
  for (const testCase of definition.cases) {
    for (const model of models) {
      for (let sample = 0; sample < samples; sample += 1) items.push({ caseId: testCase.id, model, sample });
    }
  }
  return items;
}

/** A printable, unique key of a work item (case ids cannot contain `|`; model refs cannot either). */
export function workItemKey(item: WorkItem): string {
  return `${item.caseId}|${item.model}|${item.sample}`;
}

/** The items of `plan` that have no result yet. */
export function missingItems(plan: WorkItem[], done: ReadonlySet<string>): WorkItem[] {
  return plan.filter((item) => !done.has(workItemKey(item)));
}
