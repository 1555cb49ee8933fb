// The lessons collection: content/lessons/{ko,en}/NN-slug.mdx, one file per lesson and language.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

export const lessonSchema = z.object({
  title: z
    .string()
    .min(1)
    .describe('The lesson title: the page heading, the <title> and the course index.'),
  navTitle: z
    .string()
    .min(1)
    .optional()
    .describe('A shorter title for the sidebar and previous/next links; defaults to `title`.'),
  description: z
    .string()
    .min(30)
    .max(200)
    .describe(
      'One or two sentences for the meta description, search results and the course index.',
    ),
  order: z
    .number()
    .int()
    .min(0)
    .max(99)
    .describe('Position in the course; must equal the NN prefix of the file name.'),
  minutes: z
    .number()
    .int()
    .positive()
    .describe('Estimated reading time in minutes, shown under the title.'),
  updated: z
    .date()
    .describe(
      'The day the lesson was last checked against Debian 12 (YYYY-MM-DD), shown to readers.',
    ),
});

export type LessonData = z.infer<typeof lessonSchema>;

export const collections = {
  lessons: defineCollection({
    loader: glob({ pattern: '{ko,en}/[0-9][0-9]-*.mdx', base: './content/lessons' }),
    schema: lessonSchema,
  }),
};
