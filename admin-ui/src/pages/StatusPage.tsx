import { Card, CardContent } from '@mui/material';
import { Title } from 'react-admin';
import { ReadyState } from '../system/ReadyState';

export const StatusPage = () => (
  <Card sx={{ mt: 2 }}>
    <Title title="ikou.status_page.title" />
    <CardContent>
      <ReadyState detailed pollMs={10_000} />
    </CardContent>
  </Card>
);
