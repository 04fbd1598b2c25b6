import type { AccessReport, ReportField, ReportSection, ReportValue } from './report.types.js';

export type ReportLanguage = 'fi' | 'en';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value that reaches the page goes through this. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const TEXT = {
  fi: {
    title: 'Tarkastusoikeusraportti',
    intro: 'Kaikki tiedot, jotka rekisteri sisältää rekisteröidystä (EU:n tietosuoja-asetus 15 artikla).',
    controller: 'Rekisterinpitäjä',
    subject: 'Rekisteröity',
    generated: 'Laadittu',
    request: 'Pyyntö',
    none: 'Ei tietoja.',
    view: 'Näkymä tyypin {type} tietoihin (esim. suoramarkkinoinnin poiminta); ei omia tietueita.',
    field: 'Tieto',
    value: 'Arvo',
    category: 'Tietoryhmä',
    purposes: 'Käyttötarkoitukset',
    recipients: 'Vastaanottajat',
    retention: 'Säilytysaika',
    source: 'Tietolähde',
    collected: 'Kerätty',
    partners: 'kumppanit',
    staff: 'henkilöstö',
    record: 'Tietue',
    about: 'Tietojen käyttötarkoitukset, vastaanottajat ja säilytysajat',
    accessLog: 'Kuka on käsitellyt tietoja',
    when: 'Aika',
    who: 'Kuka',
    what: 'Mitä',
    fields: 'Tiedot',
    rectifications: 'Pyynnöstä tehdyt oikaisut',
    restrictions: 'Käsittelyn rajoitukset',
    since: 'Alkaen',
    lifted: 'Päättynyt',
    reason: 'Syy',
    yes: 'kyllä',
    no: 'ei',
    records: 'tietuetta',
  },
  en: {
    title: 'Access report',
    intro: 'Everything the register holds on the data subject (GDPR Article 15).',
    controller: 'Controller',
    subject: 'Data subject',
    generated: 'Generated',
    request: 'Request',
    none: 'Nothing recorded.',
    view: 'A view of the fields of {type} (e.g. a direct-marketing export); no records of its own.',
    field: 'Field',
    value: 'Value',
    category: 'Category',
    purposes: 'Purposes',
    recipients: 'Recipients',
    retention: 'Retention',
    source: 'Source',
    collected: 'Collected',
    partners: 'partners',
    staff: 'staff',
    record: 'Record',
    about: 'Purposes, recipients and retention of these fields',
    accessLog: 'Who has processed the data',
    when: 'When',
    who: 'Who',
    what: 'What',
    fields: 'Fields',
    rectifications: 'Rectifications made under a request',
    restrictions: 'Restrictions of processing',
    since: 'Since',
    lifted: 'Lifted',
    reason: 'Reason',
    yes: 'yes',
    no: 'no',
    records: 'records',
  },
} as const;

function show(value: ReportValue, lang: ReportLanguage): string {
  if (value === null) return '—';
  if (typeof value === 'boolean') return TEXT[lang][value ? 'yes' : 'no'];
  if (typeof value === 'string' || typeof value === 'number') return escapeHtml(String(value));
  return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
}

function legend(section: ReportSection, lang: ReportLanguage): string {
  const t = TEXT[lang];
  const rows = section.fields
    .map((field: ReportField) => {
      const recipients = [
        `${t.staff}: ${field.recipients.roles.join(', ') || '—'}`,
        ...(field.recipients.partnerScopes.length > 0 ? [`${t.partners}: ${field.recipients.partnerScopes.join(', ')}`] : []),
      ].join('; ');
      return `<tr><th scope="row">${escapeHtml(field.label[lang])}</th><td>${escapeHtml(field.categoryLabel[lang])}</td><td>${escapeHtml(
        field.purposes.map((p) => p.label[lang]).join('; '),
      )}</td><td>${escapeHtml(recipients)}</td><td>${escapeHtml(field.retentionText[lang])}</td></tr>`;
    })
    .join('\n');
  return `<details class="legend" open><summary>${t.about}</summary><table>
<thead><tr><th>${t.field}</th><th>${t.category}</th><th>${t.purposes}</th><th>${t.recipients}</th><th>${t.retention}</th></tr></thead>
<tbody>${rows}</tbody></table></details>`;
}

function provenance(record: ReportSection['records'][number], lang: ReportLanguage): string {
  const t = TEXT[lang];
  const parts = [
    record.provenance.sourceType
      ? `${t.source}: ${escapeHtml(record.provenance.sourceType)}${record.provenance.sourcePartner ? ` (${escapeHtml(record.provenance.sourcePartner)})` : ''}`
      : '',
    record.provenance.collectedAt ? `${t.collected}: ${escapeHtml(record.provenance.collectedAt)}` : '',
  ].filter(Boolean);
  return parts.join(' · ');
}

/** Up to this many records a section shows each record as label–value pairs; more become one grid. */
const PAIRS_UP_TO = 3;

function sectionHtml(section: ReportSection, lang: ReportLanguage): string {
  const t = TEXT[lang];
  const head = `<h2>${escapeHtml(section.label[lang])} <small>(${section.records.length} ${t.records})</small></h2>`;
  if (section.viewOf) return `<section>${head}<p class="note">${escapeHtml(t.view.replace('{type}', section.viewOf))}</p></section>`;
  if (section.records.length === 0) return `<section class="empty">${head}<p class="note">${t.none}</p></section>`;
  if (section.records.length <= PAIRS_UP_TO) {
    const records = section.records
      .map((record, index) => {
        const rows = section.fields
          .map((field) => `<tr><th scope="row">${escapeHtml(field.label[lang])}</th><td class="value">${show(record.values[field.name] ?? null, lang)}</td></tr>`)
          .join('\n');
        const about = provenance(record, lang);
        return `<table class="pairs"><caption>${t.record} ${index + 1}${about ? ` · ${about}` : ''}</caption><tbody>${rows}</tbody></table>`;
      })
      .join('\n');
    return `<section>${head}\n${records}\n${legend(section, lang)}</section>`;
  }
  const header = section.fields.map((field) => `<th>${escapeHtml(field.label[lang])}</th>`).join('');
  const rows = section.records
    .map((record) => `<tr>${section.fields.map((field) => `<td>${show(record.values[field.name] ?? null, lang)}</td>`).join('')}</tr>`)
    .join('\n');
  return `<section>${head}\n<table class="grid"><thead><tr>${header}</tr></thead><tbody>\n${rows}\n</tbody></table>\n${legend(section, lang)}</section>`;
}

/** The printable access report, in Finnish or English, with every value HTML-escaped. */
export function renderAccessReportHtml(report: AccessReport, lang: ReportLanguage): string {
  const t = TEXT[lang];
  const access = report.accessLog
    .map(
      (entry) =>
        `<tr><td>${escapeHtml(entry.at)}</td><td>${escapeHtml(entry.actorName ?? `${entry.actorType} ${entry.actorId ?? ''}`.trim())}</td><td>${escapeHtml(
          `${entry.action} · ${entry.operation}${entry.recordType ? ` · ${entry.recordType}` : ''}`,
        )}</td><td>${escapeHtml(entry.fields.join(', '))}</td></tr>`,
    )
    .join('\n');
  const rectifications = report.rectifications
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.at)}</td><td>${escapeHtml(r.actorName ?? '—')}</td><td>${escapeHtml(r.requestId)}</td><td>${escapeHtml(r.fields.join(', '))}</td></tr>`,
    )
    .join('\n');
  const restrictions = report.restrictions
    .map(
      (r) =>
        `<tr><td>${escapeHtml(r.reason)}</td><td>${escapeHtml(r.since)}</td><td>${escapeHtml(r.liftedAt ?? '—')}</td><td>${escapeHtml(r.requestId ?? '—')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${t.title} · ${escapeHtml(report.subject.name ?? report.subject.id)}</title>
<style>
body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 1.6em; border-bottom: 1px solid #999; }
h2 small { font-weight: normal; color: #555; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0 1.2em; font-size: 9.5pt; }
caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
th, td { border: 1px solid #bbb; padding: 0.25em 0.4em; vertical-align: top; text-align: left; }
td.value { font-weight: 600; word-break: break-word; }
code { font-size: 8.5pt; white-space: pre-wrap; word-break: break-all; }
table.grid { font-size: 8pt; }
table.pairs th { width: 30%; }
details.legend summary { cursor: pointer; color: #333; }
.note { color: #555; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; }
dt { font-weight: 600; }
@media print {
  body { margin: 0; font-size: 9pt; }
  section { break-inside: auto; } table { break-inside: auto; } tr { break-inside: avoid; }
  section.empty { display: none; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<h1>${t.title}</h1>
<p>${t.intro}</p>
<dl>
<dt>${t.controller}</dt><dd>${escapeHtml(report.controller)}</dd>
<dt>${t.subject}</dt><dd>${escapeHtml(report.subject.name ?? '—')} (${escapeHtml(report.subject.id)})</dd>
${report.requestId ? `<dt>${t.request}</dt><dd>${escapeHtml(report.requestId)}</dd>` : ''}
<dt>${t.generated}</dt><dd>${escapeHtml(report.generatedAt)}</dd>
</dl>
${report.sections.map((section) => sectionHtml(section, lang)).join('\n')}
<section><h2>${t.rectifications}</h2>${
    rectifications
      ? `<table><thead><tr><th>${t.when}</th><th>${t.who}</th><th>${t.request}</th><th>${t.fields}</th></tr></thead><tbody>${rectifications}</tbody></table>`
      : `<p class="note">${t.none}</p>`
  }</section>
<section><h2>${t.restrictions}</h2>${
    restrictions
      ? `<table><thead><tr><th>${t.reason}</th><th>${t.since}</th><th>${t.lifted}</th><th>${t.request}</th></tr></thead><tbody>${restrictions}</tbody></table>`
      : `<p class="note">${t.none}</p>`
  }</section>
<section><h2>${t.accessLog}</h2>${
    access
      ? `<table><thead><tr><th>${t.when}</th><th>${t.who}</th><th>${t.what}</th><th>${t.fields}</th></tr></thead><tbody>${access}</tbody></table>`
      : `<p class="note">${t.none}</p>`
  }</section>
</body>
</html>
`;
}
