import type { Leaderboard } from '../../use-cases/hub.ts';
import { type MessageReply, message, notice } from './message.ts';

/** `/bench leaderboard`: Bradley–Terry ratings across the workspace's runs, with 95% intervals. */
export function leaderboardReply(board: Leaderboard): MessageReply {
  if (board.ratings.length === 0) return notice('No finished runs yet, so no leaderboard. Run a benchmark first.');
  return message(`Leaderboard of ${board.ratings.length} models`, [
    { type: 'header', text: 'Leaderboard' },
    {
      type: 'table',
      columns: ['#', 'model', 'rating', '95% CI', 'runs'],
      rows: board.ratings
        .slice(0, 15)
        .map((r, index) => [
          String(index + 1),
          r.model,
          String(Math.round(r.rating)),
          `${Math.round(r.low)}–${Math.round(r.high)}`,
          String(r.runs),
        ]),
    },
    {
      type: 'notice',
      text: `From head-to-head case results across ${board.benchmarks} benchmarks (Bradley–Terry, mean 1000).`,
    },
  ]);
}
