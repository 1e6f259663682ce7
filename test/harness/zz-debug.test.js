const { runNode } = require('./index');
class R { description = { displayName:'R', name:'r', group:['transform'], version:1, description:'', defaults:{name:'R'}, inputs:['main'], outputs:['main'], properties:[] };
  async execute() { throw new Error('plain'); } }
class H { description = { displayName:'H', name:'h', group:['transform'], version:1, description:'', defaults:{name:'H'}, inputs:['main'], outputs:['main'], properties:[] };
  async execute() { await new Promise(r => setTimeout(r, 3000)); return [[]]; } }
test('dbg', async () => {
  const g = await runNode({ node: R, continueOnFail: true, items: [{json:{a:1}}] });
  console.log(g.status, JSON.stringify(g.items), g.error && g.error.message, g.error instanceof Error);
  const g2 = await runNode({ node: R, items: [{json:{a:1}}] });
  console.log(g2.status, JSON.stringify(g2.items), g2.error && g2.error.message, g2.error instanceof Error, Object.keys(g2.run.data.resultData.runData.Node[0]));
  const t0 = Date.now();
  try { await runNode({ node: H, executionTimeoutMs: 200 }); } catch (e) { console.log('threw', e.message, Date.now() - t0); }
  const t1 = Date.now();
  const c = await runNode({ node: H, cancelAfterMs: 100 });
  console.log('cancel non-cooperative', c.status, c.cancelled, c.msAfterCancel, Date.now()-t1);
});
