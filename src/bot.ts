import { runService } from './service.ts';

await runService(['bot']);
