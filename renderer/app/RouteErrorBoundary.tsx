import { Button, Result, Space } from 'antd';
import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What a screen shows in place of a page that failed: what happened, try again, or go back. */
export function RouteErrorScreen({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation('common');
  return (
    <Result
      status="error"
      role="alert"
      data-testid="route-error"
      title={t('failure.screenTitle')}
      subTitle={t('failure.screenHint')}
      extra={
        <Space>
          <Button type="primary" data-testid="route-error-retry" onClick={onRetry}>
            {t('failure.retry')}
          </Button>
          <Link to="/patients" data-testid="route-error-back">
            {t('failure.backToList')}
          </Link>
        </Space>
      }
    />
  );
}

interface Props {
  /** The page's address: going elsewhere (the navigation, the back link) clears the error. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: unknown;
  failed: boolean;
  resetKey: string;
}

/**
 * Catches an error thrown while a page renders, so only that page shows {@link RouteErrorScreen}
 * and the frame around it (header, navigation, sync state) stays usable. React reports the error
 * to the root's `onCaughtError` (main.tsx), which logs it without its message.
 */
export class RouteErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey
      ? null
      : { error: null, failed: false, resetKey: props.resetKey };
  }

  retry = () => this.setState({ error: null, failed: false });

  override render(): ReactNode {
    return this.state.failed ? <RouteErrorScreen onRetry={this.retry} /> : this.props.children;
  }
}
