import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Controller, Get, Headers, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CreatePodDto, type PodDto } from '@wingxtra/contracts';
import { CurrentPrincipal, Roles } from '@wingxtra/service-kit';
import type { Principal } from '@wingxtra/service-kit';
import { IdempotencyService, requestHash } from '../common/idempotency.service.js';
import { ProblemError } from '../common/problem.error.js';
import { validateBody } from '@wingxtra/service-kit';
import { PodService, toPodDto, type PodUpload } from './pod.service.js';

const MIME = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as Record<string, string>;

@ApiTags('proof of delivery')
@ApiBearerAuth()
@Controller('api/v1/orders/:id/pod')
export class PodController {
  constructor(
    private readonly pods: PodService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * Records the proof and marks the order DELIVERED. JSON for OTP and OPERATOR_CONFIRM; multipart/form-data
   * (fields method, notes and a "file" image part) for PHOTO and SIGNATURE.
   */
  @Post()
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  async create(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<PodDto> {
    const { fields, upload } = await readPodRequest(req);
    const dto = await validateBody(CreatePodDto, fields);
    const hash = requestHash({ ...fields, file: upload ? createHash('sha256').update(upload.bytes).digest('hex') : null });
    const result = await this.idempotency.run(`${principal.sub}:POST /orders/${id}/pod`, key, hash, 201, () => this.pods.record(id, dto, upload, principal));
    reply.status(result.status);
    if (result.replayed) reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  @Get()
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<PodDto> {
    return toPodDto(await this.pods.get(id, principal));
  }

  /** The photo or signature image of the proof. */
  @Get('file')
  @Roles('MERCHANT', 'OPS', 'ADMIN')
  async file(@Param('id', ParseUUIDPipe) id: string, @CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply): Promise<void> {
    const pod = await this.pods.get(id, principal);
    if (!pod.photoPath) throw new ProblemError(404, 'This proof has no image');
    const ext = pod.photoPath.split('.').pop() ?? '';
    await reply.header('content-type', MIME[ext] ?? 'application/octet-stream').header('cache-control', 'private, max-age=3600').send(createReadStream(this.pods.photos.absolute(pod.photoPath)));
  }
}

/** The proof's fields and image, from JSON or multipart/form-data. */
async function readPodRequest(req: FastifyRequest): Promise<{ fields: Record<string, unknown>; upload: PodUpload | null }> {
  if (!req.isMultipart()) {
    const body = req.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new ProblemError(400, 'Body must be a JSON object such as {"method":"OTP","otp":"123456"}');
    return { fields: body as Record<string, unknown>, upload: null };
  }
  const fields: Record<string, unknown> = {};
  let upload: PodUpload | null = null;
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || upload) throw new ProblemError(400, 'Send exactly one image, in a part named "file"');
      upload = { bytes: await part.toBuffer(), filename: part.filename };
    } else {
      fields[part.fieldname] = part.value;
    }
  }
  return { fields, upload };
}
