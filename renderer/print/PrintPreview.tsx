import { Alert, Button, Flex, Select, Typography } from 'antd';
import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { supportedLocales, type Locale } from '../../shared/ipc/contract';
import {
  defaultPageSize as fallbackPageSize,
  pageCss,
  pageSizeNames,
  paperOf,
  type PageSizeName,
} from './pageSize';
import { PrescriptionSlip } from './PrescriptionSlip';
import { printT } from './printText';
import { paperColourOf, type PaperColour, type SlipView } from './slipView';

/** Where a print goes: the system print dialog, or a PDF file. */
export type PrintTarget = 'printer' | 'pdf';

export interface PrintPreviewProps {
  /**
   * The slips to print, each on its own page, in order; as a function of the print language when
   * their drug names and usage lines are worded per language (changing the language rewords them).
   */
  slips: readonly SlipView[] | ((language: Locale) => readonly SlipView[]);
  /** The clinic's print language setting; the user may change it for this print. */
  defaultLanguage: Locale;
  /** The clinic's page-size setting (A5 when omitted). */
  defaultPageSize?: PageSizeName;
  /**
   * Prints the page as it stands (e.g. `host.printPage({ pageSize, target, title })`) and records
   * the print. Called once the slip font has loaded; it reports its own failures rather than
   * rejecting.
   */
  onPrint: (target: PrintTarget, pageSize: PageSizeName, language: Locale) => Promise<unknown> | void;
}

/** Language names in their own language: a reader finds theirs whatever the interface shows. */
const languageNames: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
const zoomLevels = [0.5, 0.75, 1, 1.25, 1.5] as const;

/**
 * Shows the slips as they will print, scaled on screen, with the paper size and print language
 * to use and the Print and Save-as-PDF buttons. Only the print area (`.rx-print-area`) prints; its
 * `@page` rule follows the chosen size.
 */
export function PrintPreview({
  slips: slipsFor,
  defaultLanguage,
  defaultPageSize,
  onPrint,
}: PrintPreviewProps) {
  const { i18n } = useTranslation();
  const ui = printT(supportedLocales.find((l) => l === i18n.language) ?? 'zh-CN');
  const [pageSize, setPageSize] = useState<PageSizeName>(defaultPageSize ?? fallbackPageSize);
  const [language, setLanguage] = useState<Locale>(defaultLanguage);
  const slips = typeof slipsFor === 'function' ? slipsFor(language) : slipsFor;
  const [zoom, setZoom] = useState<number>(1);
  const [busy, setBusy] = useState<PrintTarget | null>(null);
  const paper = paperOf(pageSize);

  const print = async (target: PrintTarget) => {
    setBusy(target);
    try {
      // A slip printed before its font arrives would embed a fallback font.
      await document.fonts.ready;
      await onPrint(target, pageSize, language);
    } finally {
      setBusy(null);
    }
  };

  const areaStyle = {
    '--rx-page-w': `${paper.widthMm}mm`,
    '--rx-page-h': `${paper.heightMm}mm`,
    '--rx-margin': `${paper.marginMm}mm`,
    '--rx-font': `${paper.fontPt}pt`,
    '--rx-zoom': zoom,
  } as CSSProperties;

  return (
    <div className="rx-preview" data-testid="print-preview">
      <Flex wrap gap="middle" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text strong>{ui('preview.slipCount', { count: slips.length })}</Typography.Text>
        <Flex gap="small" align="center">
          <Typography.Text>{ui('preview.pageSize')}</Typography.Text>
          <Select<PageSizeName>
            data-testid="print-page-size"
            aria-label={ui('preview.pageSize')}
            value={pageSize}
            onChange={setPageSize}
            style={{ minWidth: 180 }}
            options={pageSizeNames.map((name) => ({ value: name, label: ui(`pageSize.${name}`) }))}
          />
        </Flex>
        <Flex gap="small" align="center">
          <Typography.Text>{ui('preview.language')}</Typography.Text>
          <Select<Locale>
            data-testid="print-language"
            aria-label={ui('preview.language')}
            value={language}
            onChange={setLanguage}
            style={{ minWidth: 110 }}
            options={supportedLocales.map((l) => ({ value: l, label: languageNames[l] }))}
          />
        </Flex>
        <Flex gap="small" align="center">
          <Typography.Text>{ui('preview.zoom')}</Typography.Text>
          <Select<number>
            aria-label={ui('preview.zoom')}
            value={zoom}
            onChange={setZoom}
            style={{ minWidth: 90 }}
            options={zoomLevels.map((z) => ({ value: z, label: `${Math.round(z * 100)}%` }))}
          />
        </Flex>
        <Flex gap="small" style={{ marginLeft: 'auto' }}>
          <Button
            type="primary"
            data-testid="print-to-printer"
            loading={busy === 'printer'}
            disabled={busy === 'pdf' || slips.length === 0}
            onClick={() => void print('printer')}
          >
            {ui('preview.print')}
          </Button>
          <Button
            data-testid="print-to-pdf"
            loading={busy === 'pdf'}
            disabled={busy === 'printer' || slips.length === 0}
            onClick={() => void print('pdf')}
          >
            {ui('preview.savePdf')}
          </Button>
        </Flex>
      </Flex>
      {[...paperHints(slips)].map(([colour, indexes]) => (
        <Alert
          key={colour}
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={ui('paperHint', {
            count: indexes.length,
            slips: indexes.join(ui('listSeparator')),
            paper: ui(`paper.${colour}`),
          })}
        />
      ))}
      <div className="rx-print-area" style={areaStyle}>
        <style>{pageCss(pageSize)}</style>
        {slips.map((slip, index) => (
          <PrescriptionSlip key={`${slip.number}-${index}`} slip={slip} lng={language} />
        ))}
      </div>
    </div>
  );
}

/** The slips (1-based positions in the preview) that need coloured paper, by colour. */
function paperHints(slips: readonly SlipView[]): Map<Exclude<PaperColour, 'white'>, number[]> {
  const hints = new Map<Exclude<PaperColour, 'white'>, number[]>();
  slips.forEach((slip, index) => {
    const colour = paperColourOf(slip.type);
    if (colour === 'white') return;
    hints.set(colour, [...(hints.get(colour) ?? []), index + 1]);
  });
  return hints;
}
