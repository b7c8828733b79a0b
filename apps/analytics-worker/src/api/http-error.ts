import { HttpException } from '@nestjs/common';

/** A refusal with a status and a sentence saying why (answered as the ApiError body). */
export class HttpError extends HttpException {
  constructor(status: number, message: string) {
    super({ message }, status);
  }
}
