import { runService } from './service.ts';

await runService(['web', 'worker', 'bot']);
