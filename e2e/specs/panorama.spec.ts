/**
 * The patient panorama (全景视图) in the built app, under its strict CSP: a doctor records a
 * resident's BP and weight outside a visit, signs a consultation with a BP and enters a blood
 * count with a raised WBC; the resident's panorama draws the BP, weight/BMI and blood-count charts
 * (echarts on canvas, no CSP violation in the console), hovering a chart shows the value, date and
 * source, the timeline lists the three records with the flagged value, and the print keeps only
 * the panorama.
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { checkCharacter } from '../../shared/identity/idNumber';
import { demoPassword, signIn } from '../session';
import { registerResident } from '../steps';

const body = '31011519620412033';
const id = body + checkCharacter(body);
const name = '邵国平';

/** Signs the open consultation, giving the password again when the desk asks for it. */
async function sign(page: Page) {
  await page.getByTestId('enc-sign').click();
  await page.getByTestId('enc-sign-confirm').click();
  const reauth = page.getByRole('dialog', { name: '确认身份后签名' });
  const signed = page.getByTestId('enc-status').filter({ hasText: '已签名' });
  await expect(reauth.or(signed)).toBeVisible();
  if (await reauth.isVisible()) {
    await reauth.getByLabel('密码').fill(demoPassword);
    await reauth.getByLabel('密码').press('Enter');
  }
  await expect(signed).toBeVisible();
}

test('the panorama charts a resident’s readings and results and lists them, under the strict CSP', async ({
  page,
}) => {
  // Three records written through their own screens on a busy machine, then the panorama.
  test.setTimeout(150_000);
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|evaluate|create)/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(
        `Refused to load: CSP ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`,
      ),
    ),
  );

  await page.goto('/');
  await signIn(page, 'doc01');
  await expect(page.getByTestId('sync-indicator')).toContainText('已连接平台');
  await registerResident(page, { id, name });

  // A measurement outside a visit.
  await page.getByTestId('vitals-record').click();
  await expect(page.getByTestId('patient-vitals-page')).toBeVisible();
  await page.getByTestId('vital-systolic').fill('156');
  await page.getByTestId('vital-diastolic').fill('98');
  await page.getByTestId('vital-weight').fill('72');
  await page.getByTestId('vital-height').fill('168');
  await page.getByTestId('vitals-save').click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);

  // A signed consultation with its BP.
  await page.getByTestId('enc-new').click();
  await expect(page).toHaveURL(/#\/encounters\//);
  await page.getByTestId('enc-chief-complaint').fill('头晕一周');
  await page.getByTestId('enc-present-history').fill('一周来晨起头晕');
  await page.getByTestId('enc-physical-exam').fill('心肺听诊无异常');
  await page.getByTestId('vital-systolic').fill('146');
  await page.getByTestId('vital-diastolic').fill('92');
  await page.getByTestId('diagnosis-search').fill('I10');
  await page.getByTestId('diagnosis-option').first().click();
  await page.getByTestId('enc-plan').fill('低盐饮食，两周后复查血压');
  await expect(page.getByTestId('enc-autosave')).not.toBeEmpty();
  await sign(page);

  // A blood count with a raised WBC.
  await page.getByRole('menuitem', { name: '居民档案' }).click();
  await page.getByPlaceholder('输入姓名、拼音首字母、身份证号后几位或手机号后几位').fill(id.slice(-6));
  await page.getByRole('cell', { name }).click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);
  await page.getByTestId('results-record').click();
  await expect(page.getByTestId('lab-form')).toBeVisible();
  await page.getByTestId('lab-value-wbc').fill('12.5');
  await page.getByTestId('lab-value-hb').fill('142');
  await page.getByTestId('lab-value-plt').fill('210');
  await page.getByTestId('lab-value-neut').fill('8.1');
  await page.getByTestId('lab-save').click();
  await expect(page.getByTestId('patient-name')).toHaveText(name);

  // The panorama.
  await page.getByTestId('panorama-open').click();
  await expect(page).toHaveURL(/#\/patients\/[^/]+\/panorama$/);
  await expect(page.getByTestId('panorama')).toContainText(name);
  for (const chart of ['bp', 'body', 'bloodCount'])
    await expect(page.getByTestId(`panorama-chart-${chart}`)).toHaveAttribute('data-drawn', 'true');
  await expect(page.getByTestId('panorama-chart-card')).toHaveCount(3);
  const entries = page.getByTestId('panorama-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toHaveAttribute('data-kind', 'result');
  await expect(entries.nth(0)).toContainText('白细胞 12.5 10^9/L ↑');
  await expect(entries.nth(0)).toContainText('2 项异常');
  await expect(entries.nth(1)).toHaveAttribute('data-kind', 'consultation');
  await expect(entries.nth(1)).toContainText('血压 146/92 mmHg');
  await expect(entries.nth(2)).toHaveAttribute('data-kind', 'measurement');
  // The filter narrows the timeline to one kind.
  await page.getByTestId('panorama-filter').getByText('检验 1').click();
  await expect(entries).toHaveCount(1);
  await page.getByTestId('panorama-filter').getByText('全部 3').click();
  await expect(entries).toHaveCount(3);

  // Hovering the BP chart shows the readings with their date and source.
  const bp = page.getByTestId('panorama-chart-bp');
  await bp.scrollIntoViewIfNeeded();
  await bp.hover();
  const tip = bp.locator('.panorama-tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('收缩压');
  await expect(tip).toContainText('舒张压');
  await expect(tip).toContainText(/来源：(门诊|日常测量) · 张建国/);
  await expect(tip).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/panorama-results.png', fullPage: true });
  await page.mouse.move(0, 0);

  // The print keeps the panorama and leaves out the desk around it.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('operator')).toBeHidden();
  await expect(page.getByTestId('panorama-print')).toBeHidden();
  await expect(bp).toBeVisible();
  await expect(entries).toHaveCount(3);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('operator')).toBeVisible();

  expect(violations).toEqual([]);
});
