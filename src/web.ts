import { runService } from './service.ts';

await runService(['web']);
