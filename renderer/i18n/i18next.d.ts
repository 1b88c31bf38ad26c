import 'i18next';
import type { defaultNamespace, resources } from '../../shared/i18n/resources';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: typeof defaultNamespace;
    resources: (typeof resources)['zh-CN'];
    returnNull: false;
  }
}
