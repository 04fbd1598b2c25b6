import type { Language, PrivacyDocument } from './description.document.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every text that goes into the page passes through here: the controller profile and partner names are configuration and data. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const OTHER: Record<Language, { lang: Language; label: string }> = {
  fi: { lang: 'en', label: 'In English' },
  en: { lang: 'fi', label: 'Suomeksi' },
};

/** A self-contained, printable page (no scripts; inline styles only, which the CSP allows). */
export function renderDocumentHtml(document: PrivacyDocument): string {
  const other = OTHER[document.language];
  const generated = document.language === 'fi' ? 'Luotu' : 'Generated';
  const sections = document.sections
    .map((section) => {
      const paragraphs = section.paragraphs.map((text) => `<p>${escapeHtml(text)}</p>`).join('\n');
      const lists = section.lists
        .map(
          (list) =>
            `${list.heading ? `<h3>${escapeHtml(list.heading)}</h3>\n` : ''}<ul>\n${list.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`,
        )
        .join('\n');
      return `<section id="${escapeHtml(section.key)}">\n<h2>${section.number}. ${escapeHtml(section.title)}</h2>\n${paragraphs}\n${lists}\n</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${document.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1rem; margin-bottom: 0.25rem; }
nav { float: right; } footer { margin-top: 3rem; color: #555; font-size: 0.9rem; }
@media print { nav { display: none; } }
</style>
</head>
<body>
<nav><a href="?lang=${other.lang}" hreflang="${other.lang}" lang="${other.lang}">${other.label}</a></nav>
<h1>${escapeHtml(document.title)}</h1>
${sections}
<footer>${generated} ${escapeHtml(document.generatedAt.slice(0, 10))}</footer>
</body>
</html>
`;
}
