import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../testing/db.js';
import { engagementInProgress } from '../../testing/engagements.js';
import { useTestKit } from '../../testing/runtime.js';
import { createRepos } from './repos.js';

const HOUR = 3_600_000;

describeEachDatabase('engagement repo: the history in one read, alone or with the facts under the lock', (backend) => {
  const kit = useTestKit(backend);

  it('reads the same five lists, in the same order and with the same values, as the five reads it replaces', async () => {
    const k = kit();
    const { id, as } = await engagementInProgress(k);
    for (const [i, rag] of (['green', 'amber'] as const).entries()) {
      k.clock.advance(HOUR);
      const posted = await as.p1Analyst.post(`/api/engagements/${id}/updates`, {
        progressPct: 10 + i * 15,
        rag,
        done: `Step ${i}`,
        next: 'Next',
        blockers: '',
        risks: '',
        hoursSpent: 2.5,
      });
      expect(posted.status).toBe(201);
      k.clock.advance(HOUR);
      expect((await as.owner.post(`/api/engagements/${id}/questions`, { title: `Q${i}`, body: '売上データは？' })).status).toBe(201);
    }
    const [milestone] = (await as.p1Analyst.get<{ id: string }[]>(`/api/engagements/${id}/milestones`)).body;
    expect((await as.p1Analyst.post(`/api/engagements/${id}/milestones/${milestone?.id}/progress`, { action: 'submit' })).status).toBe(200);
    k.clock.advance(HOUR);
    expect((await as.owner.post(`/api/engagements/${id}/milestones/${milestone?.id}/decision`, { action: 'accept' })).status).toBe(200);

    const repo = createRepos(k.rt.database.db).engagements;
    const separately = {
      sowVersions: await repo.sowVersions(id),
      milestones: await repo.milestones(id),
      reviews: await repo.reviews(id),
      updates: await repo.updates(id),
      questions: await repo.questions(id),
    };
    expect(separately.sowVersions.length).toBeGreaterThan(0);
    expect(separately.milestones.length).toBe(3);
    expect(separately.reviews.length).toBeGreaterThan(0);
    expect(separately.updates.map((u) => u.rag)).toEqual(['amber', 'green']);
    expect(separately.questions.map((q) => q.title)).toEqual(['Q1', 'Q0']);
    expect(await repo.history(id)).toEqual(separately);
    const locked = await k.rt.database.db.transaction().execute((tx) => createRepos(tx).engagements.withFacts(id, true, true));
    expect(locked?.history).toEqual(separately);
    expect(locked?.engagement).toEqual(await repo.get(id));
    expect((await repo.withFacts(id, false))?.history).toBeUndefined();
    expect(await repo.history('00000000-0000-4000-8000-000000000000')).toEqual({
      sowVersions: [],
      milestones: [],
      reviews: [],
      updates: [],
      questions: [],
    });
  });
});
