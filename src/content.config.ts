// The site's collections: the lessons (content/lessons/{ko,en}/NN-slug.mdx, one file per lesson and
// language), the glossary (content/glossary/{ko,en}.json) and the list of what the simulator
// simplifies (content/simplifications.json).
import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
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

const glossaryTermSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .describe("The entry's anchor on the glossary page; the same in both languages."),
  term: z.string().min(1).describe('The term as the glossary page shows it.'),
  aliases: z
    .array(z.string().min(2))
    .min(1)
    .describe('The forms the term takes in lesson prose; the first use of any becomes a link.'),
  except: z
    .array(z.string().min(2))
    .optional()
    .describe('Phrases, exactly as written, in which a form means something else: never linked.'),
  definition: z.string().min(20).describe("One or two sentences, in the file's language."),
  lesson: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .describe('The slug of the lesson that teaches the term (the same in both languages).'),
  section: z
    .string()
    .min(1)
    .describe('The text of the heading, in that lesson, under which the term is taught.'),
});

export const glossarySchema = z.object({
  terms: z
    .array(glossaryTermSchema)
    .min(1)
    .refine((terms) => new Set(terms.map((t) => t.id)).size === terms.length, {
      message: 'glossary ids must be unique',
    }),
});

export type GlossaryTerm = z.infer<typeof glossaryTermSchema>;

const simplificationText = z.object({
  title: z.string().min(3).describe('A short name for what is simplified.'),
  text: z.string().min(30).describe('What the simulator does, and what the real program does.'),
});

export const simplificationSchema = z.object({
  program: z
    .enum(['nginx', 'uwsgi', 'python', 'shell', 'editors', 'systemd', 'packages'])
    .describe('The group it is listed under on the page.'),
  kind: z
    .enum(['reconstructed', 'simplified'])
    .describe(
      'Reconstructed: output not captured but rebuilt from sources. Simplified: less behaviour.',
    ),
  sources: z
    .array(z.string().regex(/^src\/[\w./-]+\.(ts|astro)$/))
    .min(1)
    .describe('The files whose RECONSTRUCTED/SIMPLIFIED comment this entry explains.'),
  marker: z
    .string()
    .min(3)
    .optional()
    .describe('Words of the marker comment line, when one file has markers for several entries.'),
  ko: simplificationText,
  en: simplificationText,
});

export type Simplification = z.infer<typeof simplificationSchema>;

export const collections = {
  lessons: defineCollection({
    loader: glob({ pattern: '{ko,en}/[0-9][0-9]-*.mdx', base: './content/lessons' }),
    schema: lessonSchema,
  }),
  glossary: defineCollection({
    loader: glob({ pattern: '{ko,en}.json', base: './content/glossary' }),
    schema: glossarySchema,
  }),
  simplifications: defineCollection({
    loader: file('content/simplifications.json'),
    schema: simplificationSchema,
  }),
};
