import { Button, Card, Table, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router';

/**
 * One kind of a resident's records on the resident's page: a card with a table, ten rows a page,
 * a spinner while they load and a line when there are none; and, for staff who may, a button to
 * record one more.
 */
export function PatientRecordsCard<T extends { id: string }>({
  title,
  testId,
  rows,
  empty,
  rowTestId,
  columns,
  record,
}: {
  title: string;
  testId: string;
  /** Undefined while loading. */
  rows: readonly T[] | undefined;
  /** What the table says when there are no rows. */
  empty: string;
  rowTestId: string;
  columns: TableColumnsType<T>;
  /** The page that records one more, for staff who may; none otherwise. */
  record?: { to: string; label: string; testId: string } | false;
}) {
  return (
    <Card
      size="small"
      title={title}
      data-testid={testId}
      extra={
        record && (
          <Link to={record.to}>
            <Button size="small" data-testid={record.testId}>
              {record.label}
            </Button>
          </Link>
        )
      }
    >
      <Table<T>
        rowKey="id"
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        loading={rows === undefined}
        dataSource={rows ?? []}
        locale={{ emptyText: empty }}
        onRow={() => ({ 'data-testid': rowTestId }) as HTMLAttributes<HTMLElement>}
        columns={columns}
      />
    </Card>
  );
}
