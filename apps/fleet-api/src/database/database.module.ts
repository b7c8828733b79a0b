import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service.js';

/** The registry's PostgreSQL (imported only when REGISTRY_ENABLED, see AppModule). */
@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class DatabaseModule {}
