import { RequestBudget } from '../../src/chatwoot/budget';

/** A call as the budget sees it, counting how often it was told its client left. */
const call = () => {
  const watcher = { told: 0, clientGone: () => (watcher.told += 1) };
  return watcher;
};

describe('RequestBudget watchers', () => {
  it('tells every call still watching, once each, when the client goes away', () => {
    const budget = new RequestBudget(10);
    const [first, second, third, fourth] = [call(), call(), call(), call()];
    budget.watch(first);
    budget.watch(second);
    budget.watch(third);
    budget.watch(second);
    budget.unwatch(first);
    // The first slot is free again; a later call takes it while the others stay where they are.
    budget.watch(fourth);
    budget.cancel();
    budget.cancel();
    expect([first.told, second.told, third.told, fourth.told]).toEqual([0, 1, 1, 1]);
  });

  it('tells a call that finished nothing, and a call that starts after the client left at once', () => {
    const budget = new RequestBudget(10);
    const [done, late] = [call(), call()];
    budget.watch(done);
    budget.unwatch(done);
    budget.cancel();
    budget.watch(late);
    expect([done.told, late.told]).toEqual([0, 1]);
  });

  it('does not count a call twice when it watches again after leaving the first slot to another', () => {
    const budget = new RequestBudget(10);
    const [a, b] = [call(), call()];
    budget.watch(a);
    budget.watch(b);
    budget.unwatch(a);
    budget.watch(b);
    budget.cancel();
    expect([a.told, b.told]).toEqual([0, 1]);
  });
});
