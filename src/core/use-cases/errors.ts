import { AppError } from '../errors.ts';

export class NotFoundError extends AppError {
  constructor(what: string, hint = '') {
    super('not_found', `${what} was not found.${hint ? ` ${hint}` : ''}`);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends AppError {
  constructor(action: string) {
    super('forbidden', `Only workspace admins can ${action}.`);
    this.name = 'ForbiddenError';
  }
}

export class BudgetError extends AppError {
  constructor(message: string) {
    super('budget_exceeded', message);
    this.name = 'BudgetError';
  }
}
