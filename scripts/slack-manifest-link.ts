import { readFileSync } from 'node:fs';

/**
 * Prints the one-click "create Slack app" link for `slack/manifest.yml`
 * (run: `node scripts/slack-manifest-link.ts`).
 */
const manifest = readFileSync(new URL('../slack/manifest.yml', import.meta.url), 'utf8');
console.log(`https://api.slack.com/apps?new_app=1&manifest_yaml=${encodeURIComponent(manifest)}`);
