import { Card, CardContent, CardHeader, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { ReadyState } from '../system/ReadyState';

export const Dashboard = () => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="ikou.dashboard.title" />
      <CardHeader title={translate('ikou.dashboard.title')} slotProps={{ title: { component: 'h1' } }} />
      <CardContent>
        <Typography sx={{ mb: 2 }}>{translate('ikou.dashboard.intro')}</Typography>
        <ReadyState pollMs={30_000} />
      </CardContent>
    </Card>
  );
};
